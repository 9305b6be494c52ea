/**
 * A local fake of the Slack Web API, speaking its HTTP protocol: POST /api/<method> with a
 * form-encoded (or JSON) body and `Authorization: Bearer <token>`, answering `{ ok, … }` or
 * `{ ok: false, error }`, and 429 with Retry-After when told to. Every call is recorded, and the
 * messages it was asked to post are kept per channel (updates applied, threads by thread_ts,
 * ephemerals apart) so tests can read back what Rivet said. Point Rivet at it with SLACK_API_URL.
 * Files a user "uploaded" are served at /files/<id> to the bearer of the token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  params: Record<string, any>;
  at: number;
  /** The HTTP status answered (429 when rate limited). */
  status?: number;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: any[];
  reply_broadcast?: boolean;
  edited?: boolean;
}

export interface FakeSlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  thread_ts?: string;
  text: string;
  blocks: any[];
}

export interface FakeSlackUser {
  id: string;
  name: string;
  real_name: string;
  is_bot?: boolean;
  deleted?: boolean;
  locale?: string;
}

export interface FakeSlack {
  apiUrl: string;
  origin: string;
  token: string;
  signingSecret: string;
  teamId: string;
  bot: { userId: string; botId: string };
  calls: SlackCall[];
  callsOf(method: string): SlackCall[];
  /** Messages in a channel as they stand now (updates applied), in posting order; `thread` keeps one thread's replies. */
  messages(channel: string, opts?: { thread?: string }): FakeSlackMessage[];
  /** Root messages of a channel (not in a thread). */
  roots(channel: string): FakeSlackMessage[];
  ephemerals(channel?: string, user?: string): FakeSlackEphemeral[];
  addUser(user: FakeSlackUser): void;
  /** The next call (of `method`, or of any posting method) answers 429 with Retry-After. */
  failNext429(retryAfterS: number, method?: string): void;
  /** The next call (of `method`, or any posting method) answers `{ ok: false, error }`. */
  failNext(error: string, method?: string): void;
  addFile(file: { id: string; data: Uint8Array; name: string; mimetype: string }): { url: string };
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  close(): Promise<void>;
}

const POSTING = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

function parseBody(raw: string, type: string): Record<string, any> {
  if (type.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const params: Record<string, any> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments', 'metadata']) {
    if (typeof params[key] === 'string') params[key] = JSON.parse(params[key]);
  }
  return params;
}

export async function startFakeSlack(opts: { token?: string; signingSecret?: string; teamId?: string; users?: FakeSlackUser[] } = {}): Promise<FakeSlack> {
  const token = opts.token ?? 'xoxb-1111-2222-fakeslacktoken';
  const signingSecret = opts.signingSecret ?? 'fake-slack-signing-secret-0123456789';
  const teamId = opts.teamId ?? 'T0RIVET01';
  const bot = { userId: 'U0RIVETBOT', botId: 'B0RIVETBOT' };
  const calls: SlackCall[] = [];
  const posted: FakeSlackMessage[] = [];
  const ephemeral: FakeSlackEphemeral[] = [];
  const users = new Map<string, FakeSlackUser>((opts.users ?? []).map((u) => [u.id, u]));
  users.set(bot.userId, { id: bot.userId, name: 'rivet', real_name: 'Rivet', is_bot: true });
  const files = new Map<string, { data: Uint8Array; name: string; mimetype: string }>();
  let faults: { method?: string; error?: string; retryAfter?: number }[] = [];
  const waiters: { method: string; count: number; resolve: (c: SlackCall[]) => void }[] = [];
  let seq = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;

  function handle(method: string, p: Record<string, any>): { status: number; body: unknown; headers?: Record<string, string> } {
    const fault = faults.findIndex((f) => (f.method ? f.method === method : POSTING.has(method)));
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1);
      if (f!.retryAfter !== undefined) return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(f!.retryAfter) } };
      return { status: 200, body: { ok: false, error: f!.error } };
    }
    const ok = (body: Record<string, unknown>) => ({ status: 200, body: { ok: true, ...body } });
    const fail = (error: string) => ({ status: 200, body: { ok: false, error } });
    switch (method) {
      case 'auth.test':
        return ok({ url: 'https://rivet-test.slack.com/', team: 'Rivet Test', user: 'rivet', team_id: teamId, user_id: bot.userId, bot_id: bot.botId });
      case 'chat.postMessage': {
        if (!p.channel) return fail('channel_not_found');
        if (!p.text && !p.blocks) return fail('no_text');
        const m: FakeSlackMessage = { channel: p.channel, ts: nextTs(), text: p.text ?? '', blocks: p.blocks ?? [], ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}), ...(p.reply_broadcast === 'true' || p.reply_broadcast === true ? { reply_broadcast: true } : {}) };
        if (m.thread_ts && !posted.some((x) => x.channel === m.channel && x.ts === m.thread_ts)) return fail('thread_not_found');
        posted.push(m);
        return ok({ channel: m.channel, ts: m.ts, message: { text: m.text, ts: m.ts } });
      }
      case 'chat.update': {
        const m = posted.find((x) => x.channel === p.channel && x.ts === p.ts);
        if (!m) return fail('message_not_found');
        m.text = p.text ?? m.text;
        m.blocks = p.blocks ?? m.blocks;
        m.edited = true;
        return ok({ channel: m.channel, ts: m.ts, text: m.text });
      }
      case 'chat.postEphemeral': {
        if (!p.channel || !p.user) return fail('channel_not_found');
        const e: FakeSlackEphemeral = { channel: p.channel, user: p.user, message_ts: nextTs(), text: p.text ?? '', blocks: p.blocks ?? [], ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}) };
        ephemeral.push(e);
        return ok({ message_ts: e.message_ts });
      }
      case 'conversations.replies': {
        const thread = posted.filter((x) => x.channel === p.channel && (x.ts === p.ts || x.thread_ts === p.ts));
        return thread.length ? ok({ messages: thread, has_more: false }) : fail('thread_not_found');
      }
      case 'users.info': {
        const u = users.get(String(p.user));
        if (!u) return fail('user_not_found');
        return ok({ user: { id: u.id, team_id: teamId, name: u.name, real_name: u.real_name, deleted: !!u.deleted, is_bot: !!u.is_bot, locale: u.locale ?? 'en-US', profile: { real_name: u.real_name, display_name: u.name } } });
      }
      default:
        return fail('unknown_method');
    }
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const authorized = req.headers.authorization === `Bearer ${token}`;
    const file = /^\/files\/([^/]+)$/.exec(url.pathname);
    if (file) {
      const f = authorized ? files.get(file[1]!) : undefined;
      if (!f) return void res.writeHead(authorized ? 404 : 403).end();
      res.writeHead(200, { 'content-type': f.mimetype, 'content-length': f.data.length });
      return void res.end(Buffer.from(f.data));
    }
    const m = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname);
    const raw = await readBody(req);
    let result: { status: number; body: unknown; headers?: Record<string, string> };
    if (!m) result = { status: 404, body: { ok: false, error: 'unknown_method' } };
    else {
      const params = parseBody(raw, req.headers['content-type'] ?? '');
      const bearer = authorized || params.token === token;
      const call: SlackCall = { method: m[1]!, params, at: Date.now() };
      calls.push(call);
      result = bearer ? handle(m[1]!, params) : { status: 200, body: { ok: false, error: 'invalid_auth' } };
      call.status = result.status;
      for (const w of [...waiters]) {
        const got = calls.filter((c) => c.method === w.method);
        if (got.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(got);
        }
      }
    }
    res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...result.headers });
    res.end(JSON.stringify(result.body));
  }

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err.message);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${origin}/api/`,
    origin,
    token,
    signingSecret,
    teamId,
    bot,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    messages: (channel, o = {}) => posted.filter((x) => x.channel === channel && (o.thread === undefined || x.thread_ts === o.thread)),
    roots: (channel) => posted.filter((x) => x.channel === channel && !x.thread_ts),
    ephemerals: (channel, user) => ephemeral.filter((e) => (!channel || e.channel === channel) && (!user || e.user === user)),
    addUser: (u) => void users.set(u.id, u),
    failNext429(retryAfterS, method) {
      faults.push({ ...(method ? { method } : {}), retryAfter: retryAfterS });
    },
    failNext(error, method) {
      faults.push({ ...(method ? { method } : {}), error });
    },
    addFile(f) {
      files.set(f.id, { data: f.data, name: f.name, mimetype: f.mimetype });
      return { url: `${origin}/files/${f.id}` };
    },
    waitFor(method, count = 1, timeoutMs = 10_000) {
      const got = calls.filter((c) => c.method === method);
      if (got.length >= count) return Promise.resolve(got);
      return new Promise((resolve, reject) => {
        const w = { method, count, resolve: (c: SlackCall[]) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`fake slack: ${count} × ${method} not seen within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    close: () => new Promise<void>((resolve) => {
      faults = [];
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

/** The plain text of a posted message as Slack would show it (its section and context blocks), unescaped. */
export function shownText(m: { blocks: any[]; text: string }): string {
  const parts = m.blocks.length
    ? m.blocks.flatMap((b) => (b.type === 'section' ? [b.text?.text ?? ''] : b.type === 'context' ? b.elements.map((e: any) => e.text ?? '') : []))
    : [m.text];
  return parts
    .join('\n')
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label ?? url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The controls (buttons and menu options) of a posted message: label, value and action id. */
export function controlsOf(m: { blocks: any[] }): { text: string; value: string; actionId: string; menu?: string }[] {
  return m.blocks.flatMap((b) =>
    b.type !== 'actions'
      ? []
      : b.elements.flatMap((e: any) =>
          e.type === 'button'
            ? [{ text: e.text.text, value: e.value, actionId: e.action_id }]
            : e.type === 'static_select'
              ? e.options.map((o: any) => ({ text: o.text.text, value: o.value, actionId: e.action_id, menu: e.placeholder.text }))
              : [],
        ),
  );
}
