/**
 * /demo (only with RIVET_DEMO=true): the page, and what it sends and receives. The page is the
 * demo's "client app" and these routes its "platform API": what a technician or the supervisor
 * does is shown in the chat at once (as Telegram shows your own message) and handed to the
 * inbound acceptor (deduplicated by the page's id for it, stored, queued), exactly as a Telegram
 * update is; what Rivet says comes back over server-sent events (GET /demo/api/events), or
 * GET /demo/api/history for a page that cannot keep a stream open. A tap or a control must name
 * a button the message really carries, as on Telegram and Slack. Sending the same id twice is
 * answered like the first time and shown once.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { BadRequestError, HttpError, NotFoundError } from '../errors.js';
import { jsonBody, query } from '../validation.js';
import type { InboundAcceptor } from '../../core/ports.js';
import { DEMO_CLIENT_JS, DEMO_STYLE, demoPage } from '../pages/demo.js';

/** A message as the routes need to see it (the hub's DemoMessage fits). */
interface Shown {
  id: string;
  chatId: string;
  threadId?: string | null;
  buttons?: { text: string; data: string }[][];
  menus?: { options: { text: string; data: string }[] }[];
}

/** The demo's "platform" (src/bots/demo/hub.ts), as these routes use it. */
export interface DemoPlatform {
  post(message: { chatId: string; from: 'person' | 'supervisor'; author: string; text: string; threadId?: string | null; photoUrl?: string | null }): { id: string };
  get(chatId: string, id: string): Shown | null;
  history(chatId: string): unknown[];
  subscribe(chatIds: string[], listener: (event: unknown) => void): () => void;
  upload(file: { data: Uint8Array; mimeType: string; fileName: string | null }): string;
  file(id: string): { data: Uint8Array; mimeType: string } | null;
  readonly closed: Promise<void>;
}

export interface DemoRouteDeps {
  hub: DemoPlatform;
  sessions: {
    start(opts: { name?: string | null; language?: string | null }): Promise<{ id: string; name: string; language: string | null } | null>;
    get(id: string): { id: string; name: string; language: string | null } | null;
  };
  inbound: InboundAcceptor;
  /** The supervisors' channel, and who acts there from the page. */
  channelId: string;
  supervisor: { id: string; name: string };
  /** False when supervisors oversee in Slack: the page says so instead of showing threads. */
  oversees: boolean;
  /** A report to suggest, naming a machine of this site (e.g. "Press PR-101 is leaking"). */
  example?: () => string | null;
  /** How often an idle event stream says it is alive (default 15 s). */
  keepAliveMs?: number;
}

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const PHOTO_TYPES = /^image\/(jpeg|png|webp|gif)$/;
const RECENT_KEPT = 5_000;

const ID = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes');
const MESSAGE_ID = z.string().regex(/^\d{1,12}$/, 'must be a message id');
const session = z.object({ session: z.uuid() });
const sent = session.extend({ id: ID });

class DemoBusyError extends HttpError {
  constructor() {
    super(429, 'busy', 'Too many demo sessions were started in the last minute; try again shortly');
  }
}

export function demoRoutes(deps: DemoRouteDeps): Hono<AppEnv> {
  const { hub } = deps;
  const app = new Hono<AppEnv>();
  /** What each delivery id got the first time (the message it showed), so a repeat shows nothing new. */
  const recent = new Map<string, string>();

  const sessionOf = (id: string) => {
    const s = deps.sessions.get(id);
    if (!s) throw new NotFoundError('No such demo session (the demo restarted?): reload the page');
    return s;
  };

  /** Shows the message once per delivery id and hands the update to the inbound path. */
  async function deliver(c: Context<AppEnv>, sessionId: string, id: string, show: () => { id: string }, update: (messageId: string) => Record<string, unknown>) {
    const key = `${sessionId}/${id}`;
    let messageId = recent.get(key);
    if (!messageId) {
      messageId = show().id;
      if (recent.size >= RECENT_KEPT) recent.delete(recent.keys().next().value!);
      recent.set(key, messageId);
    }
    const result = await deps.inbound.accept('demo', key, { id, ...update(messageId) });
    return c.json({ ok: true, result, messageId }, 202);
  }

  function controlOn(message: Shown | null, data: string): string | null {
    if (!message) return null;
    const all = [...(message.buttons ?? []).flat(), ...(message.menus ?? []).flatMap((m) => m.options)];
    return all.find((b) => b.data === data)?.text ?? null;
  }

  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/', (c) => {
    c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(demoPage());
  });
  app.get('/demo.js', (c) => c.body(DEMO_CLIENT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/demo.css', (c) => c.body(DEMO_STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.post('/api/session', async (c) => {
    const body = await jsonBody(c, z.object({
      name: z.string().trim().max(60).nullish(),
      /** The browser's language (navigator.language), as a chat app reports its user's. */
      language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$/, 'must be a language tag like en-GB').nullish(),
    }));
    const s = await deps.sessions.start({ name: body.name ?? null, language: body.language ?? null });
    if (!s) throw new DemoBusyError();
    return c.json({ session: s, supervisor: deps.supervisor, channelId: deps.channelId, oversees: deps.oversees, example: deps.example?.() ?? null }, 201);
  });

  app.get('/api/history', (c) => {
    const s = sessionOf(query(c, session).session);
    return c.json({ chat: hub.history(s.id), channel: deps.oversees ? hub.history(deps.channelId) : [] });
  });

  app.get('/api/events', (c) => {
    const s = sessionOf(query(c, session).session);
    return streamSSE(c, async (stream) => {
      const pending: { event: string; data: string }[] = [];
      let wake: (() => void) | null = null;
      const push = (event: unknown) => {
        pending.push({ event: String((event as { type?: unknown }).type ?? 'message'), data: JSON.stringify(event) });
        wake?.();
      };
      const chats = deps.oversees ? [s.id, deps.channelId] : [s.id];
      const unsubscribe = hub.subscribe(chats, push);
      // Taken in the same turn as the subscription: nothing falls between the two.
      pending.push({ event: 'snapshot', data: JSON.stringify({ chat: hub.history(s.id), channel: deps.oversees ? hub.history(deps.channelId) : [] }) });
      let closed = false;
      void hub.closed.then(() => {
        closed = true;
        wake?.();
      });
      stream.onAbort(() => wake?.());
      try {
        while (!stream.aborted && !closed) {
          while (pending.length) await stream.writeSSE(pending.shift()!);
          const timer = new Promise<'ping'>((resolve) => {
            const t = setTimeout(() => resolve('ping'), deps.keepAliveMs ?? 15_000);
            wake = () => {
              clearTimeout(t);
              resolve(null as never);
            };
          });
          if ((await timer) === 'ping') await stream.writeSSE({ event: 'ping', data: '' });
          wake = null;
        }
      } finally {
        unsubscribe();
      }
    });
  });

  app.post('/api/message', async (c) => {
    const body = await jsonBody(c, sent.extend({ text: z.string().trim().min(1, 'must not be empty').max(4096) }));
    const s = sessionOf(body.session);
    return deliver(c, s.id, body.id, () => hub.post({ chatId: s.id, from: 'person', author: s.name, text: body.text }), (messageId) => ({ kind: 'text', from: s, messageId, text: body.text }));
  });

  app.post('/api/tap', async (c) => {
    const body = await jsonBody(c, sent.extend({ messageId: MESSAGE_ID, data: z.string().max(64) }));
    const s = sessionOf(body.session);
    const label = controlOn(hub.get(s.id, body.messageId), body.data);
    if (label === null) throw new BadRequestError('That message carries no such button');
    // A tap shows nothing in the chat: the bot answers it (a toast, an edit or a reply).
    return deliver(c, s.id, body.id, () => ({ id: body.messageId }), () => ({ kind: 'tap', from: s, messageId: body.messageId, data: body.data, label }));
  });

  app.post(
    '/api/photo',
    bodyLimit({ maxSize: MAX_PHOTO_BYTES, onError: () => { throw new HttpError(413, 'too_large', `A photo may be at most ${MAX_PHOTO_BYTES / (1024 * 1024)} MB`); } }),
    async (c) => {
      const q = query(c, sent.extend({ caption: z.string().trim().max(1024).optional() }));
      const s = sessionOf(q.session);
      const mimeType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!PHOTO_TYPES.test(mimeType)) throw new BadRequestError('A photo must be a JPEG, PNG, WebP or GIF image');
      const data = new Uint8Array(await c.req.arrayBuffer());
      if (data.length === 0) throw new BadRequestError('The photo is empty');
      const caption = q.caption || null;
      let fileId = '';
      return deliver(
        c, s.id, q.id,
        () => {
          fileId = hub.upload({ data, mimeType, fileName: null });
          return hub.post({ chatId: s.id, from: 'person', author: s.name, text: caption ?? '', photoUrl: `api/files/${fileId}` });
        },
        (messageId) => ({ kind: 'photo', from: s, messageId, fileId: fileId || fileOf(hub.get(s.id, messageId)), caption }),
      );
    },
  );

  app.get('/api/files/:id', (c) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    const file = id.success ? hub.file(id.data) : null;
    if (!file) throw new NotFoundError('No such file');
    return c.body(file.data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.mimeType });
  });

  app.post('/api/reply', async (c) => {
    const body = await jsonBody(c, sent.extend({ threadId: MESSAGE_ID, text: z.string().trim().min(1, 'must not be empty').max(4096) }));
    const s = sessionOf(body.session);
    if (!deps.oversees) throw new NotFoundError('Supervisors oversee in Slack, not on this page');
    const root = hub.get(deps.channelId, body.threadId);
    if (!root || root.threadId) throw new BadRequestError('No such thread');
    const sup = deps.supervisor;
    return deliver(c, s.id, body.id, () => hub.post({ chatId: deps.channelId, from: 'supervisor', author: sup.name, text: body.text, threadId: root.id }), (messageId) => ({ kind: 'reply', from: sup, messageId, threadId: root.id, text: body.text }));
  });

  app.post('/api/control', async (c) => {
    const body = await jsonBody(c, sent.extend({ messageId: MESSAGE_ID, data: z.string().max(2000) }));
    const s = sessionOf(body.session);
    if (!deps.oversees) throw new NotFoundError('Supervisors oversee in Slack, not on this page');
    const message = hub.get(deps.channelId, body.messageId);
    const label = controlOn(message, body.data);
    if (!message || label === null) throw new BadRequestError('That message carries no such control');
    const sup = deps.supervisor;
    return deliver(c, s.id, body.id, () => ({ id: body.messageId }), () => ({ kind: 'control', from: sup, messageId: body.messageId, threadId: message.threadId ?? null, data: body.data, label }));
  });

  return app;
}

/** The upload a photo message shows (for a repeated delivery, whose upload was made the first time). */
function fileOf(message: Shown | null): string {
  const url = (message as { photoUrl?: string | null } | null)?.photoUrl ?? '';
  return url.slice(url.lastIndexOf('/') + 1);
}
