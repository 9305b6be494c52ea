import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { conversationKey, createChatEngine, type ChatEvent, type ChatInput, type PlatformIdentity } from '../../../src/core/conversation/index.js';
import type { Logger } from '../../../src/core/ports.js';
import { memoryDeps } from './memory.js';

const STALE = 'This button is out of date. Use the latest message.';

const tg = (id: number, first: string): PlatformIdentity => ({ channel: 'telegram', externalId: String(id), username: null, displayName: `${first} Tech`, language: 'en' });

let seq = 0;
/** An inbound as an adapter would hand it over: a private chat unless `group` names one. */
function input(who: PlatformIdentity, event: ChatEvent, o: { key?: string; group?: string } = {}): ChatInput {
  const chatId = o.group ?? who.externalId;
  return {
    who,
    where: { chat: { channel: 'telegram', chatId }, conversationKey: conversationKey(chatId, !!o.group, who.externalId), group: !!o.group },
    eventKey: o.key ?? `tg:u:${++seq}`,
    description: event.type === 'text' ? event.text : `[${event.type}]`,
    event,
  };
}
const text = (t: string): ChatEvent => ({ type: 'text', text: t });
const tap = (data: string): ChatEvent => ({ type: 'tap', data, messageId: '7' });
const command = (name: string, arg = ''): ChatEvent => ({ type: 'command', name, arg });

function setup(over: Parameters<typeof memoryDeps>[0] = {}) {
  const m = memoryDeps(over);
  return { ...m, engine: createChatEngine(m.deps) };
}

describe('chat engine: deliveries', () => {
  it('records and mirrors an inbound once per event key when the delivery is retried, and replies under the same keys', async () => {
    const m = setup();
    const ana = tg(101, 'Ana');
    await m.fileFor(ana, 42);
    const delivery = input(ana, text('status 42'), { key: 'tg:u:1' });
    await m.engine.handle(delivery);
    const keys = new Set(m.dispatcher.keys);
    await m.engine.handle(delivery); // the inbound job ran it again
    expect(m.inbound.map((x) => x.key)).toEqual(['tg:u:1']);
    expect(m.inbound[0]!.record).toMatchObject({ channel: 'telegram', chatId: '101', text: 'status 42' });
    expect(m.mirrored).toEqual(['status 42']);
    expect(m.dispatcher.keys).toEqual(keys);
    expect(m.dispatcher.texts('101')).toEqual([expect.stringMatching(/^WO000042 · Seal leak\nStatus: In progress/)]);

    await m.engine.handle(input(ana, text('status 42'), { key: 'tg:u:2' })); // the same words, sent again: a new message
    expect(m.inbound).toHaveLength(2);
    expect(m.mirrored).toHaveLength(2);
  });

  it('announces an expired conversation once, even to two deliveries arriving together; its buttons go stale', async () => {
    const m = setup();
    const ana = tg(102, 'Ana');
    await m.engine.handle(input(ana, text('pump 301 is leaking')));
    const which = m.dispatcher.lastWithButtons('102')!;
    expect(which.text).toMatch(/Which one/);
    m.clock.advance(31 * 60_000);
    const [late, hello] = await Promise.all([
      m.engine.handle(input(ana, tap(which.buttons!.flat()[0]!.data), { key: 'tg:cb:late' })),
      m.engine.handle(input(ana, text('hello'))),
    ]);
    const notices = () => m.dispatcher.texts('102').filter((t) => /expired after 30 minutes/.test(t));
    expect(notices()).toEqual(['⌛ Your unfinished report expired after 30 minutes. Send it again when you’re ready.']);
    expect(late.toast).toBe(STALE);
    expect(late.conversationId).toBe(hello.conversationId);
    expect(m.conversations.rows.filter((r) => r.key === '102' && !r.closedAt)).toHaveLength(1);
    await m.engine.handle(input(ana, text('hello')));
    expect(notices()).toHaveLength(1);
  });

  it('keeps a conversation that is active, however many messages it takes', async () => {
    const m = setup();
    const ana = tg(103, 'Ana');
    const first = await m.engine.handle(input(ana, text('hello')));
    m.clock.advance(29 * 60_000);
    const second = await m.engine.handle(input(ana, text('hello')));
    m.clock.advance(29 * 60_000);
    const third = await m.engine.handle(input(ana, text('hello')));
    expect(new Set([first.conversationId, second.conversationId, third.conversationId]).size).toBe(1);
  });

  it('decides again on the state someone else saved when its own save loses the version check', async () => {
    const m = setup();
    const ana = tg(104, 'Ana');
    await m.engine.handle(input(ana, command('start', 'a_3')));
    expect(m.dispatcher.texts('104')).toEqual(["Reporting on Compressor 2 · Boiler room. What's wrong?"]);
    // While this message is being decided, another of Ana's events drops the pending report.
    m.conversations.concurrentWriteBeforeNextSave(null);
    await m.engine.handle(input(ana, text('belt squeals at startup')));
    const texts = m.dispatcher.texts('104');
    expect(texts.some((t) => /New work order/.test(t))).toBe(false);
    expect(texts.at(-1)).toBe('Which machine is it? Send its name or the number on its tag.');
    expect(m.conversations.open('telegram', '104')?.state).toMatchObject({ kind: 'await_asset' });
  });

  it('files once when the same Create button is tapped twice at once', async () => {
    const m = setup();
    const ana = tg(105, 'Ana');
    await m.engine.handle(input(ana, text('compressor 2 is overheating')));
    const create = m.dispatcher.lastWithButtons('105')!.buttons!.flat().find((b) => /Create/.test(b.text))!.data;
    const taps = await Promise.all([m.engine.handle(input(ana, tap(create))), m.engine.handle(input(ana, tap(create)))]);
    expect(taps.map((r) => r.toast).sort()).toEqual(['', STALE]);
    expect(m.dispatcher.creates()).toHaveLength(1);
  });
});

describe('chat engine: buttons', () => {
  it('tells a crew mate tapping someone else’s live buttons in a group whose they are, and does nothing', async () => {
    const m = setup();
    m.groups.set('-500', null);
    const kim = tg(201, 'Kim');
    const lee = tg(202, 'Lee');
    await m.engine.handle(input(kim, text('compressor 2 is overheating'), { group: '-500' }));
    const card = m.dispatcher.lastWithButtons('-500')!;
    expect(card.text).toMatch(/^New work order\nAsset: Compressor 2 · Boiler room/);
    const create = card.buttons!.flat().find((b) => /Create/.test(b.text))!.data;
    expect((await m.engine.handle(input(lee, tap(create), { group: '-500' }))).toast).toBe('These buttons are for Kim.');
    expect(m.dispatcher.creates()).toEqual([]);
    expect((await m.engine.handle(input(kim, tap(create), { group: '-500' }))).toast).toBe('');
    expect(m.dispatcher.creates()).toHaveLength(1);
  });

  it('hands a question button to the question desk and shows its answer as the toast', async () => {
    const m = setup();
    const ana = tg(203, 'Ana');
    const data = `q:${randomUUID()}:0`;
    const r = await m.engine.handle(input(ana, tap(data)));
    expect(r.toast).toBe('Thanks, got it.');
    expect(m.answered).toEqual([{ data, answeredBy: r.personId }]);
    m.setDeskAnswer('expired');
    expect((await m.engine.handle(input(ana, tap(data)))).toast).toBe('That question has expired.');
    m.setDeskAnswer('already_answered');
    expect((await m.engine.handle(input(ana, tap(data)))).toast).toBe('That was already answered.');
    expect(m.dispatcher.texts('203')).toEqual([]);
    const noDesk = setup({ questions: null });
    expect((await noDesk.engine.handle(input(ana, tap(data)))).toast).toBe(STALE);
  });

  it('answers a button Rivet never made with the stale toast', async () => {
    const m = setup();
    expect((await m.engine.handle(input(tg(204, 'Ana'), tap('not-ours')))).toast).toBe(STALE);
    expect((await m.engine.handle(input(tg(204, 'Ana'), text('hello')))).toast).toBeNull();
  });
});

describe('chat engine: commands', () => {
  it('redeems a sign-up link once: the chat account moves to the provisioned person; a second use says so', async () => {
    const m = setup();
    const paid = m.people.provision('Fay Boss', 'pro');
    m.linkTokens.issue('ltok-1', paid.id);
    const fay = tg(301, 'Fay');
    await m.engine.handle(input(fay, text('hello'))); // a beta person first
    expect(m.people.personOf(fay)?.tier).toBe('beta');
    await m.engine.handle(input(fay, command('start', 'ltok-1')));
    expect(m.people.personOf(fay)?.id).toBe(paid.id);
    expect(m.dispatcher.texts('301').at(-1)).toMatch(/^✅ Linked\. Your Telegram is now connected to your Rivet account \(pro\)\.\n\nHi Fay, I'm Rivet/);

    const gus = tg(302, 'Gus');
    await m.engine.handle(input(gus, command('start', 'ltok-1')));
    await m.engine.handle(input(gus, command('start', 'nope')));
    expect(m.dispatcher.texts('302')).toEqual([expect.stringMatching(/already used/), expect.stringMatching(/don’t recognise this link/)]);
    expect(m.people.personOf(gus)?.id).not.toBe(paid.id);
    m.linkTokens.issue('ltok-old', paid.id, -1);
    await m.engine.handle(input(gus, command('start', 'ltok-old')));
    expect(m.dispatcher.texts('302').at(-1)).toMatch(/expired \(links last 7 days\)/);
  });

  it('greets, helps, checks a status, explains /status usage and refuses an unknown command', async () => {
    const m = setup();
    const ana = tg(303, 'Ana');
    await m.fileFor(ana, 42);
    for (const e of [command('start'), command('help'), command('status', '42'), command('status', 'soon'), command('frobnicate'), text('   ')]) {
      await m.engine.handle(input(ana, e));
    }
    const [hi, help, status, usage, unknown, empty] = m.dispatcher.texts('303');
    expect(hi).toMatch(/^Hi Ana, I'm Rivet/);
    expect(help).toMatch(/\/mine[\s\S]*\/status 42/);
    expect(status).toMatch(/^WO000042 · Seal leak/);
    expect(usage).toBe('Send the work order number, e.g. /status 42.');
    expect(unknown).toBe('I don’t know that command. /help lists what I can do.');
    expect(empty).toBe(help);
  });
});

describe('chat engine: media and the rest', () => {
  it('records a kept file with its owner and starts a report with it', async () => {
    const m = setup();
    const ana = tg(401, 'Ana');
    const attachment = { storedAt: 'files/2026-03/x.jpg', fileName: 'photo.jpg', mimeType: 'image/jpeg', kind: 'image' as const };
    const r = await m.engine.handle(input(ana, { type: 'media', attachment, caption: null, kept: { path: 'files/2026-03/x.jpg', platformFileId: 'f1', sizeBytes: 6 } }));
    expect(m.kept).toEqual([{ path: 'files/2026-03/x.jpg', platformFileId: 'f1', sizeBytes: 6, organizationId: 'org-1', ownerId: r.personId, fileName: 'photo.jpg', mimeType: 'image/jpeg' }]);
    expect(m.dispatcher.texts('401')).toEqual(["Got it. What's the problem, and on which machine?"]);
    await m.engine.handle(input(ana, { type: 'media_refused', reason: 'too_big', limitMb: 20 }));
    await m.engine.handle(input(ana, { type: 'media_refused', reason: 'unavailable' }));
    expect(m.dispatcher.texts('401').slice(1)).toEqual([
      'That file is over 20 MB, the most Telegram lets me download. Send a smaller photo or a shorter voice note.',
      'I couldn’t fetch that file from Telegram. Please send it again.',
    ]);
  });

  it('has a polite word for what it cannot read in a private chat, and none in a group', async () => {
    const m = setup();
    m.groups.set('-600', null);
    await m.engine.handle(input(tg(402, 'Ana'), { type: 'unsupported', kinds: ['sticker'] }));
    await m.engine.handle(input(tg(402, 'Ana'), { type: 'unsupported', kinds: ['sticker'] }, { group: '-600' }));
    expect(m.dispatcher.texts('402')).toEqual(['I can read text, photos and voice notes. Tell me what’s broken and where.']);
    expect(m.dispatcher.texts('-600')).toEqual([]);
  });

  it('interprets the beginning of an oversized text and logs that it did', async () => {
    const warnings: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn: (_f, msg) => void warnings.push(msg ?? ''), error() {}, child: () => log };
    const m = setup({ logger: log });
    await m.engine.handle(input(tg(403, 'Ana'), text(`pump 301 is leaking ${'and dripping '.repeat(500)}`)));
    expect(m.dispatcher.texts('403')[0]).toMatch(/Which one/);
    expect(warnings).toContain('oversized text; interpreting its beginning');
  });
});
