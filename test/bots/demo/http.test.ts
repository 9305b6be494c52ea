/**
 * The demo at the HTTP level, as `npm run demo` starts it (embedded database, embedded jobs, the
 * fake Atlas in-process): what the page sends goes through the inbound outbox to the real chat
 * engine and supervisor desk, and what Rivet says comes back on the page's event stream.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { count, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../../src/db/schema.js';
import { startDemo, type RunningDemo } from '../../../scripts/demo.js';
import { until } from '../../e2e/harness.js';
import { memoryLogger } from '../../helpers/logger.js';

interface Message { id: string; chatId: string; from: string; text: string; photoUrl?: string | null; threadId?: string | null; onlyFor?: string | null; buttons?: { text: string; data: string }[][]; menus?: { placeholder: string; options: { text: string; data: string }[] }[] }

let demo: RunningDemo;
let base: string;
let n = 0;
const nextId = () => `test-${Date.now()}-${n++}`;

beforeAll(async () => {
  demo = await startDemo({ port: 0, logger: memoryLogger('warn').logger });
  base = demo.url;
}, 120_000);
afterAll(() => demo?.close());

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${base}/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function history(session: string): Promise<{ chat: Message[]; channel: Message[] }> {
  const res = await fetch(`${base}/api/history?session=${session}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { chat: Message[]; channel: Message[] };
}

async function waitFor<T>(session: string, pick: (h: { chat: Message[]; channel: Message[] }) => T | undefined | null | false, what: string): Promise<T> {
  let last: { chat: Message[]; channel: Message[] } | null = null;
  return until(async () => pick((last = await history(session))), 20_000, () => `${what}; the chat said: ${JSON.stringify(last?.chat.map((m) => m.text))}`);
}

/** Nothing left that could still say something. */
async function idle(): Promise<void> {
  await until(async () => {
    const [live] = await demo.rivet.database.db.select({ n: count() }).from(outbox).where(inArray(outbox.status, ['pending', 'enqueued', 'running']));
    return Number(live?.n ?? 0) === 0;
  }, 20_000, 'an idle pipeline');
}

async function startSession(): Promise<string> {
  const res = await post('session', {});
  expect(res.status).toBe(201);
  const body = (await res.json()) as { session: { id: string; name: string }; channelId: string; oversees: boolean; example: string };
  expect(body.oversees).toBe(true);
  // The page suggests a report on a machine of the demo site.
  expect(body.example).toMatch(/^Press PR-\d+ is leaking$/);
  await waitFor(body.session.id, (h) => h.chat.find((m) => m.from === 'bot' && /Linked/.test(m.text)), 'the welcome');
  return body.session.id;
}

/** Reads server-sent events until `done` says enough; returns them. */
async function events(session: string, done: (seen: { event: string; data: unknown }[]) => boolean, act: () => Promise<void>): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events?session=${session}`, { signal: controller.signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: { event: string; data: unknown }[] = [];
  let buffer = '';
  let acted = false;
  const timeout = setTimeout(() => controller.abort(), 20_000);
  try {
    while (!done(seen)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
        seen.push({ event, data: data ? JSON.parse(data) : null });
      }
      if (!acted && seen.some((e) => e.event === 'snapshot')) {
        acted = true;
        await act();
      }
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  return seen;
}

const button = (m: Message | undefined, label: RegExp) => m?.buttons?.flat().find((b) => label.test(b.text));

describe('the demo page', () => {
  it('is served with its script and style under a strict content security policy', async () => {
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await res.text();
    expect(html).toContain('aria-label="Chat with Rivet"');
    expect(html).toMatch(/<label[^>]+for="text"/);
    expect((await fetch(`${base}/demo.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/demo.css`)).headers.get('content-type')).toMatch(/css/);
  });

  it('refuses an unknown session, malformed bodies and empty messages', async () => {
    expect((await post('message', { session: '00000000-0000-4000-8000-000000000000', id: nextId(), text: 'hi' })).status).toBe(404);
    const bad = await fetch(`${base}/api/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    const session = await startSession();
    expect((await post('message', { session, id: nextId(), text: '   ' })).status).toBe(400);
    expect((await post('message', { session, id: 'x', text: 'hi' })).status).toBe(400);
  });
});

describe('a technician on the page', () => {
  it('is greeted in the browser’s language, as a chat app’s user is in theirs', async () => {
    const res = await post('session', { language: 'es-MX' });
    const { session } = (await res.json()) as { session: { id: string } };
    await waitFor(session.id, (h) => h.chat.find((m) => m.from === 'bot' && /Vinculado/.test(m.text)), 'a Spanish welcome');
  });


  it('reports a fault, taps Create and gets the work order number; the supervisor channel gets its thread', async () => {
    const session = await startSession();
    const report = await post('message', { session, id: nextId(), text: 'Press PR-101 is leaking hydraulic oil' });
    expect(report.status).toBe(202);
    const card = await waitFor(session, (h) => h.chat.find((m) => button(m, /Create/)), 'the report card');

    // A button the message does not carry is refused, as Telegram would.
    expect((await post('tap', { session, id: nextId(), messageId: card.id, data: 'c:forged:1' })).status).toBe(400);

    const create = button(card, /Create/)!;
    const seen = await events(
      session,
      (s) => s.some((e) => e.event === 'message' && /Filed WO\d{6}/.test((e.data as { message: Message }).message.text)) && s.some((e) => e.event === 'toast'),
      async () => void expect((await post('tap', { session, id: nextId(), messageId: card.id, data: create.data })).status).toBe(202),
    );
    const toast = seen.find((e) => e.event === 'toast')!.data as { messageId: string };
    expect(toast.messageId).toBe(card.id);
    const filed = seen.map((e) => (e.data as { message?: Message }).message).find((m) => m && /Filed WO\d{6}/.test(m.text))!;
    const number = /WO\d{6}/.exec(filed.text)![0];
    expect([...demo.atlas.state.workOrders.values()].map((w) => w.customId)).toContain(number);

    const root = await waitFor(session, (h) => h.channel.find((m) => !m.threadId && m.text.includes(number)), 'the work order thread');
    expect(root.text).toMatch(/Press PR-101/);
    expect(button(root, /Take over/)).toBeTruthy();
  });

  it('sends a photo that is kept and attached to the report; other files and oversized ones are refused', async () => {
    const session = await startSession();
    await post('message', { session, id: nextId(), text: 'Press PR-102 safety guard cracked' });
    await waitFor(session, (h) => h.chat.find((m) => button(m, /Create/)), 'the report card');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const sent = await fetch(`${base}/api/photo?session=${session}&id=${nextId()}`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png });
    expect(sent.status).toBe(202);
    await waitFor(session, (h) => h.chat.find((m) => m.from === 'bot' && /Added to this report \(1 file\)/.test(m.text)), 'the photo acknowledged');
    // Kept by Rivet in its data dir, as a Telegram photo is.
    const kept = readdirSync(join(demo.dataDir, 'files'), { recursive: true }).map(String).filter((f) => f.endsWith('.png'));
    expect(kept.length).toBeGreaterThan(0);
    const shown = (await history(session)).chat.find((m) => m.photoUrl);
    expect((await fetch(`${demo.rivet.url}/demo/${shown!.photoUrl}`)).headers.get('content-type')).toBe('image/png');

    const text = await fetch(`${base}/api/photo?session=${session}&id=${nextId()}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(400);
    const huge = await fetch(`${base}/api/photo?session=${session}&id=${nextId()}`, { method: 'POST', headers: { 'Content-Type': 'image/jpeg' }, body: new Uint8Array(10 * 1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
  });

  it('is answered once when the page sends the same message twice', async () => {
    const session = await startSession();
    const id = nextId();
    const first = (await (await post('message', { session, id, text: 'Compressor CP-201 making a grinding noise' })).json()) as { result: string; messageId: string };
    const again = (await (await post('message', { session, id, text: 'Compressor CP-201 making a grinding noise' })).json()) as { result: string; messageId: string };
    expect(first.result).toBe('accepted');
    expect(again).toMatchObject({ result: 'duplicate', messageId: first.messageId });
    await waitFor(session, (h) => h.chat.find((m) => m.from === 'bot' && m.buttons?.length), 'the reply');
    await idle();
    const chat = (await history(session)).chat;
    expect(chat.filter((m) => m.from === 'person' && /grinding/.test(m.text))).toHaveLength(1);
    expect(chat.filter((m) => m.from === 'bot' && /grinding|CP-201|compressor/i.test(m.text))).toHaveLength(1);
  });
});

describe('the supervisor pane', () => {
  async function filed(session: string, text: string): Promise<{ root: Message; number: string }> {
    await post('message', { session, id: nextId(), text });
    const card = await waitFor(session, (h) => h.chat.find((m) => button(m, /Create/)), 'the report card');
    await post('tap', { session, id: nextId(), messageId: card.id, data: button(card, /Create/)!.data });
    const done = await waitFor(session, (h) => h.chat.find((m) => /Filed WO\d{6}/.test(m.text)), 'the work order');
    const number = /WO\d{6}/.exec(done.text)![0];
    const root = await waitFor(session, (h) => h.channel.find((m) => !m.threadId && m.text.includes(number)), 'the thread');
    return { root, number };
  }

  it('keeps plain replies internal and sends ">>" replies to the technician', async () => {
    const session = await startSession();
    const { root } = await filed(session, 'Press PR-102 hydraulic hose burst');
    expect((await post('reply', { session, id: nextId(), threadId: root.id, text: 'Maria, can you take this one?' })).status).toBe(202);
    expect((await post('reply', { session, id: nextId(), threadId: root.id, text: '>> Stop the line, help is coming' })).status).toBe(202);
    await waitFor(session, (h) => h.chat.find((m) => m.text === 'Sam Supervisor (supervisor): Stop the line, help is coming'), 'the relayed reply');
    await idle();
    const chat = (await history(session)).chat;
    expect(chat.some((m) => /Maria, can you take this one/.test(m.text))).toBe(false);
    // Replies only go into a thread Rivet posted.
    expect((await post('reply', { session, id: nextId(), threadId: '999999', text: 'hello' })).status).toBe(400);
  });

  it('changes the work order in Atlas from the priority menu', async () => {
    const session = await startSession();
    const { root, number } = await filed(session, 'Press PR-101 guard door sensor faulty');
    const low = root.menus?.find((m) => m.placeholder === 'Set priority')?.options.find((o) => /Low/.test(o.text));
    expect(low).toBeTruthy();
    expect((await post('control', { session, id: nextId(), messageId: root.id, data: low!.data })).status).toBe(202);
    await until(() => [...demo.atlas.state.workOrders.values()].find((w) => w.customId === number && w.priority === 'LOW'), 20_000, 'the priority changed in Atlas');
    expect((await post('control', { session, id: nextId(), messageId: root.id, data: 'ov:p:forged:L' })).status).toBe(400);
  });
});
