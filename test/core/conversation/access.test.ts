/**
 * Who may do what, through the chat engine on in-memory ports: every chat action on a work order
 * is checked, sign-up modes and allowed groups are enforced, plans are said in plain words.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { conversationKey, createChatEngine, type ChatEvent, type ChatInput, type PlatformIdentity } from '../../../src/core/conversation/index.js';
import type { AddCommentCommand, CreateWorkOrderCommand, OutboundMessage } from '../../../src/core/ports.js';
import { memoryDeps, workOrder } from './memory.js';

const tg = (id: number, first: string, username: string | null = null): PlatformIdentity => ({ channel: 'telegram', externalId: String(id), username, displayName: `${first} Tech`, language: 'en' });

let seq = 0;
function input(who: PlatformIdentity, event: ChatEvent, o: { group?: string } = {}): ChatInput {
  const chatId = o.group ?? who.externalId;
  return {
    who,
    where: { chat: { channel: 'telegram', chatId }, conversationKey: conversationKey(chatId, !!o.group, who.externalId), group: !!o.group },
    eventKey: `tg:u:${++seq}`,
    description: event.type === 'text' ? event.text : `[${event.type}]`,
    event,
  };
}
const text = (t: string): ChatEvent => ({ type: 'text', text: t });
const tap = (data: string): ChatEvent => ({ type: 'tap', data, messageId: '7' });
const command = (name: string, arg = ''): ChatEvent => ({ type: 'command', name, arg });

function setup(over: Parameters<typeof memoryDeps>[0] = {}) {
  const m = memoryDeps(over);
  // Someone else's work orders: 42 (filed through Rivet by Kim) and 43 (made in Atlas, assigned to Atlas user 77).
  m.workOrders.set(43, workOrder(43, { title: 'Replace gearbox on line 3', asset: { id: 3, name: 'Compressor 2' }, status: 'OPEN', people: { createdBy: 2, primaryUserId: 77, assignedToIds: [77], teamUserIds: [] } }));
  const engine = createChatEngine(m.deps);
  const say = (who: PlatformIdentity, event: ChatEvent, o: { group?: string } = {}) => engine.handle(input(who, event, o));
  const commands = () => m.dispatcher.calls.filter((c) => c.kind !== 'send');
  return { ...m, engine, say, commands };
}

const kim = tg(900, 'Kim');

describe('a stranger counting up work order numbers', () => {
  it('gets the same "can’t find" for existing and missing numbers, never a title, and cannot close or comment', async () => {
    const m = setup();
    await m.fileFor(kim, 42);
    const zed = tg(901, 'Zed');
    for (const n of [40, 41, 42, 43, 44]) await m.say(zed, text(`status ${n}`));
    const replies = m.dispatcher.texts('901');
    expect(replies).toEqual([40, 41, 42, 43, 44].map((n) => `I can't find WO0000${n} in your work orders. Check the number, or send /mine to see yours.`));
    expect(replies.join('\n')).not.toMatch(/Seal leak|gearbox/);

    await m.say(zed, text('42 done'));
    await m.say(zed, text('add to 43: fixed it, closing'));
    await m.say(zed, command('status', '43'));
    expect(m.dispatcher.texts('901').slice(5)).toEqual([
      expect.stringMatching(/^I can't find WO000042 in your work orders/),
      expect.stringMatching(/^I can't find WO000043 in your work orders/),
      expect.stringMatching(/^I can't find WO000043 in your work orders/),
    ]);
    expect(m.commands()).toEqual([]);
    expect(m.conversations.open('telegram', '901')?.state ?? null).toBeNull();
  });

  it('is slowed down after 20 lookups with a friendly message, before Atlas is asked again', async () => {
    const m = setup();
    let asked = 0;
    const getByNumber = m.deps.reader.getByNumber;
    m.deps.reader.getByNumber = async (n) => (asked++, getByNumber(n));
    const zed = tg(902, 'Zed');
    for (let n = 1; n <= 21; n++) await m.say(zed, text(`status ${n}`));
    expect(asked).toBe(20);
    expect(m.dispatcher.texts('902').at(-1)).toBe("That's a lot of work order lookups in a short time. Give me 30 seconds and ask again.");
    m.clock.advance(30_000);
    await m.say(zed, text('status 22'));
    expect(asked).toBe(21);
  });
});

describe('people who may', () => {
  it('the requester sees, changes and comments; the command carries their attribution, not the name they chose', async () => {
    const m = setup();
    const kimP = await m.fileFor(tg(903, 'Plant_Manager', 'kim_t'), 42);
    await m.say(tg(903, 'Plant_Manager', 'kim_t'), text('status 42'));
    await m.say(tg(903, 'Plant_Manager', 'kim_t'), text('add to 42: seal replaced'));
    expect(m.dispatcher.texts('903')[0]).toMatch(/^WO000042 · Seal leak\nStatus: In progress/);
    const comment = m.commands().find((c) => c.kind === 'comment')!.body as AddCommentCommand;
    expect(comment).toMatchObject({ workOrderId: 42, requesterId: kimP.id, text: 'seal replaced', authorName: 'Telegram user 903 @kim_t' });
  });

  it('a crew mate (rivet_users.crew) may act on the crew’s work orders; the group’s crew counts in the group', async () => {
    const m = setup();
    const k = await m.fileFor(kim, 42);
    k.crew = 'Boiler crew';
    const lee = tg(904, 'Lee');
    await m.say(lee, text('status 42'));
    expect(m.dispatcher.texts('904')[0]).toMatch(/^I can't find WO000042/);
    // Lee joins the crew.
    m.people.personOf(lee)!.crew = 'boiler crew';
    await m.say(lee, text('42 done'));
    expect(m.dispatcher.texts('904')[1]).toBe('Set WO000042 “Seal leak” to Complete?');
    // Max has no crew, but writes in the boiler crew's group.
    m.groups.set('-100', 'Boiler crew');
    const max = tg(905, 'Max');
    await m.say(max, text('status 42'), { group: '-100' });
    await m.say(max, text('status 42'));
    expect(m.dispatcher.texts('-100')[0]).toMatch(/^WO000042 · Seal leak/);
    expect(m.dispatcher.texts('905')[0]).toMatch(/^I can't find WO000042/);
  });

  it('Atlas’s assignee (by their Atlas account) and a supervisor may', async () => {
    const m = setup();
    m.people.provision('Ola Fixer', 'pro', { atlasUserId: 77, identity: tg(906, 'Ola') });
    m.people.provision('Sue Visor', 'pro', { role: 'supervisor', identity: tg(907, 'Sue') });
    await m.say(tg(906, 'Ola'), text('status 43'));
    await m.say(tg(907, 'Sue'), text('status 43'));
    await m.say(tg(907, 'Sue'), text('42 done'));
    expect(m.dispatcher.texts('906')).toEqual([expect.stringMatching(/^WO000043 · Replace gearbox on line 3/)]);
    expect(m.dispatcher.texts('907')).toEqual([expect.stringMatching(/^WO000043 · Replace gearbox/), 'Set WO000042 “Seal leak” to Complete?']);
  });

  it('"Add to WO… instead" offers only a work order the person may see', async () => {
    const m = setup();
    const zed = tg(908, 'Zed');
    await m.say(zed, text('compressor 2 is overheating'));
    expect(m.dispatcher.texts('908')).toEqual([expect.stringMatching(/^New work order\nAsset: Compressor 2/)]);
    expect(m.dispatcher.texts('908').join()).not.toMatch(/gearbox|WO000043/);
    m.people.provision('Ola Fixer', 'pro', { atlasUserId: 77, identity: tg(909, 'Ola') });
    await m.say(tg(909, 'Ola'), text('compressor 2 is overheating'));
    expect(m.dispatcher.texts('909')[0]).toMatch(/already has an open work order:\nWO000043 Replace gearbox on line 3/);
  });
});

describe('groups', () => {
  it('in a group no administrator allowed: says so once and leaves, nothing else happens', async () => {
    const m = setup();
    const refusals = () => [...new Map(m.dispatcher.calls.filter((c) => c.kind === 'send').map((c) => [c.key, c.body as OutboundMessage])).values()];
    await m.say(kim, { type: 'joined' }, { group: '-200' });
    await m.say(kim, text('pump 301 leaking'), { group: '-200' });
    await m.say(tg(910, 'Lee'), text('status 42'), { group: '-200' });
    expect(refusals()).toEqual([expect.objectContaining({ leaveChat: true, text: expect.stringMatching(/not set up to work in this group.*group id -200/) })]);
    expect(m.people.personOf(kim)).toBeUndefined();
    expect(m.commands()).toEqual([]);
    expect((await m.say(kim, tap('f:whatever'), { group: '-200' })).toast).toBe('I’m not set up to work in this group.');
    // Added again: told again, and it leaves again.
    await m.say(kim, { type: 'joined' }, { group: '-200' });
    expect(refusals()).toHaveLength(2);
    expect(refusals().every((r) => r.leaveChat)).toBe(true);
    // A day later, the first message there gets a refusal of its own (the bot is evidently still in).
    m.clock.advance(24 * 3_600_000);
    await m.say(kim, text('hello'), { group: '-200' });
    expect(refusals()).toHaveLength(3);
  });

  it('an allowed group is greeted when the bot is added', async () => {
    const m = setup();
    m.groups.set('-201', null);
    await m.say(kim, { type: 'joined' }, { group: '-201' });
    expect(m.dispatcher.texts('-201')).toEqual(['Hi all! Mention me with what’s broken and where, and I’ll file it. /help lists the rest.']);
  });

  it('a job’s question in a group is answered only by the person it was asked of', async () => {
    const m = setup();
    m.groups.set('-202', null);
    const ana = tg(911, 'Ana');
    const anaP = await m.fileFor(ana, 42);
    const id = randomUUID();
    m.asked.set(id, { audience: 'technician', askedPersonId: anaP.id });
    const data = `q:${id}:0`;
    expect((await m.say(tg(912, 'Bo'), tap(data), { group: '-202' })).toast).toBe('This question is for someone else.');
    expect(m.answered).toEqual([]);
    expect((await m.say(ana, tap(data), { group: '-202' })).toast).toBe('Thanks, got it.');
    const approval = randomUUID();
    m.asked.set(approval, { audience: 'supervisor', askedPersonId: null });
    expect((await m.say(ana, tap(`q:${approval}:0`))).toast).toBe('Only a supervisor can answer this.');
    expect(m.answered).toHaveLength(1);
  });
});

describe('sign-up modes', () => {
  const invite = { signup: { mode: 'invite' as const, allowlist: { usernames: ['ana_t'], emails: [] } } };

  it('invite: a stranger hears once how to get in, and nothing of theirs is stored or dispatched', async () => {
    const m = setup(invite);
    const zed = tg(920, 'Zed', 'zed');
    await m.say(zed, text('pump 301 is leaking'));
    await m.say(zed, text('hello?'));
    await m.say(zed, command('mine'));
    expect(m.dispatcher.texts('920')).toEqual(['Hi! Rivet here is by invitation only. Ask your administrator or supervisor for a sign-up link: tapping it connects your Telegram to Rivet.']);
    expect(m.people.personOf(zed)).toBeUndefined();
    expect(m.inbound).toEqual([]);
    expect(m.commands()).toEqual([]);
    expect((await m.say(zed, tap('f:x'))).toast).toBe('You don’t have access to Rivet here.');
  });

  it('invite: an allow-listed username comes in; a valid sign-up link always works; another organization’s does not', async () => {
    const m = setup(invite);
    await m.say(tg(921, 'Ana', 'Ana_T'), text('hello'));
    expect(m.dispatcher.texts('921')[0]).toMatch(/^👋 Hi Ana/);

    const paid = m.people.provision('Fay Boss', 'pro');
    m.linkTokens.issue('ltok-other', paid.id, 86_400_000, 'org-2');
    m.linkTokens.issue('ltok-1', paid.id);
    const fay = tg(922, 'Fay');
    await m.say(fay, command('start', 'ltok-other'));
    expect(m.dispatcher.texts('922')).toEqual(['I don’t recognise this link. Check it, or ask your administrator for a new one.']);
    expect(m.linkTokens.tokens.get('ltok-other')!.usedBy).toBeNull();
    await m.say(fay, command('start', 'ltok-1'));
    expect(m.dispatcher.texts('922')[1]).toMatch(/^✅ Linked\. Your Telegram is now connected to your Rivet account \(pro\)\.\n\nHi Fay/);
    await m.say(fay, text('hello'));
    expect(m.dispatcher.texts('922')[2]).toMatch(/^👋 Hi Fay/);
  });

  it('a link never moves a chat account that belongs to a provisioned person, and is not spent trying', async () => {
    const m = setup();
    const boss = tg(923, 'Sue');
    m.people.provision('Sue Visor', 'pro', { role: 'supervisor', identity: boss });
    const newHire = m.people.provision('Nat New', 'pro');
    m.linkTokens.issue('ltok-nat', newHire.id);
    await m.say(boss, command('start', 'ltok-nat'));
    expect(m.dispatcher.texts('923')).toEqual(['This Telegram account already belongs to another Rivet account, so this link can’t take it over. Ask your administrator.']);
    expect(m.people.personOf(boss)?.name).toBe('Sue Visor');
    expect(m.linkTokens.tokens.get('ltok-nat')!.usedBy).toBeNull();
  });

  it('stripe: a beta person is refused once; a paying customer and a lapsed one come in', async () => {
    const m = setup({ signup: { mode: 'stripe', allowlist: { usernames: [], emails: [] } } });
    const beta = tg(924, 'Bea');
    await m.people.store.identify('org-1', beta);
    await m.say(beta, text('pump 301 leaking'));
    await m.say(beta, text('pump 301 leaking'));
    expect(m.dispatcher.texts('924')).toEqual(['Hi! Rivet here is for subscribers only, and your account has no active subscription. Ask your administrator for a sign-up link.']);
    m.people.provision('Pat Paid', 'starter', { identity: tg(925, 'Pat') });
    await m.say(tg(925, 'Pat'), text('compressor 2 is overheating'));
    expect(m.dispatcher.texts('925')[0]).toMatch(/^New work order/);
  });

  it('a switched-off person is told once, in any mode', async () => {
    const m = setup();
    const off = tg(926, 'Oz');
    m.people.provision('Oz Gone', 'pro', { disabled: true, identity: off });
    await m.say(off, text('status 42'));
    await m.say(off, text('status 42'));
    expect(m.dispatcher.texts('926')).toEqual(['Your Rivet account is switched off. Ask your administrator if you need it back.']);
  });
});

describe('plans', () => {
  it('at the month’s limit a report is refused in plain words; last month’s reports do not count', async () => {
    const m = setup();
    m.workOrders.delete(43);
    const bea = tg(930, 'Bea');
    const p = await m.people.store.identify('org-1', bea);
    const filed = (n: number, at: string) => {
      for (let i = 0; i < n; i++) m.links.push({ workOrderId: m.links.length + 1000, requesterId: p.id, assetId: null, at: new Date(at) });
    };
    filed(20, '2026-02-27T10:00:00Z');
    filed(19, '2026-03-01T10:00:00Z');
    await m.say(bea, text('compressor 2 is overheating'));
    expect(m.dispatcher.texts('930')[0]).toMatch(/^New work order/);
    // Meanwhile another of Bea's reports is filed: the card shown before cannot file past the limit.
    filed(1, '2026-03-02T07:00:00Z');
    const create = m.dispatcher.lastWithButtons('930')!.buttons!.flat().find((b) => /Create/.test(b.text))!.data;
    expect((await m.say(bea, tap(create))).toast).toBe('');
    expect(m.dispatcher.texts('930').at(-1)).toBe('Your plan allows 20 reports a month; you have used 20. Ask your administrator to upgrade.');
    await m.say(bea, text('compressor 2 is leaking'));
    expect(m.dispatcher.texts('930')).toHaveLength(3);
    expect(m.commands()).toEqual([]);
  });

  it('lapsed: can check and list their work orders, cannot file, change or comment', async () => {
    const m = setup();
    const lou = tg(931, 'Lou');
    const p = m.people.provision('Lou Lapsed', 'lapsed', { identity: lou });
    m.links.push({ workOrderId: 42, requesterId: p.id, assetId: null, at: m.clock.now() });
    for (const t of ['status 42', 'compressor 2 is overheating', '42 done', 'add to 42: more']) await m.say(lou, text(t));
    await m.say(lou, command('start', 'a_3'));
    const lapsed = 'Your Rivet subscription has lapsed: you can still check your work orders (/mine, /status 42), but not file or change them. Ask your administrator to renew.';
    expect(m.dispatcher.texts('931')).toEqual([expect.stringMatching(/^WO000042 · Seal leak/), lapsed, lapsed, lapsed, lapsed]);
    expect(m.commands()).toEqual([]);
  });

  it('a plan that wants approval parks a technician’s report for a supervisor, and says so; a supervisor’s own is filed', async () => {
    const m = setup();
    const ed = tg(932, 'Ed');
    m.people.provision('Ed Enterprise', 'enterprise', { identity: ed });
    await m.say(ed, text('compressor 2 is overheating'));
    const create = m.dispatcher.lastWithButtons('932')!.buttons!.flat().find((b) => /Create/.test(b.text))!.data;
    await m.say(ed, tap(create));
    expect(m.dispatcher.texts('932').at(-1)).toBe('⏳ “compressor 2 is overheating” needs a supervisor’s approval before I file it (your plan asks for that). I’ve asked; I’ll tell you here.');
    expect((m.commands()[0]!.body as CreateWorkOrderCommand).approval).toBe('supervisor');

    const sue = tg(933, 'Sue');
    m.people.provision('Sue Visor', 'enterprise', { role: 'supervisor', identity: sue });
    m.workOrders.delete(43); // a supervisor would be offered that open one; here the asset has none
    await m.say(sue, text('compressor 2 is overheating'));
    const own = m.dispatcher.lastWithButtons('933')!.buttons!.flat().find((b) => /Create/.test(b.text))!.data;
    await m.say(sue, tap(own));
    expect(m.dispatcher.texts('933').at(-1)).toMatch(/^⏳ Filing/);
    expect((m.commands()[1]!.body as CreateWorkOrderCommand).approval).toBeUndefined();
  });
});
