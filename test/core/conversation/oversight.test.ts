/** The chat engine's side of oversight, on in-memory ports: take-over, a supervisor's pick, handing questions over. */
import { describe, expect, it } from 'vitest';
import { conversationKey, createChatEngine, type ChatEvent, type ChatInput, type PlatformIdentity } from '../../../src/core/conversation/index.js';
import type { Oversight, SupervisorQuestion } from '../../../src/core/ports.js';
import { memoryDeps } from './memory.js';

const tg = (id: number, first: string): PlatformIdentity => ({ channel: 'telegram', externalId: String(id), username: null, displayName: `${first} Tech`, language: 'en' });
let seq = 0;
const input = (who: PlatformIdentity, event: ChatEvent, o: Partial<ChatInput> = {}): ChatInput => ({
  who,
  where: { chat: { channel: 'telegram', chatId: who.externalId }, conversationKey: conversationKey(who.externalId, false, who.externalId), group: false },
  eventKey: `tg:u:o${++seq}`,
  description: event.type === 'text' ? event.text : `[${event.type}]`,
  event,
  ...o,
});

function setup(oversight: Partial<Oversight>) {
  const asked: SupervisorQuestion[] = [];
  const mirrored: { sender: string; text: string }[] = [];
  const m = memoryDeps({
    oversight: {
      mirror: async (e) => void mirrored.push({ sender: e.sender, text: e.text }),
      askSupervisor: async (q) => (asked.push(q), { delivered: true }),
      ...oversight,
    },
  });
  return { ...m, asked, mirrored, engine: createChatEngine(m.deps) };
}

describe('oversight in the chat engine', () => {
  it('stays quiet while a supervisor has taken the person over: the line is still recorded and mirrored, a tap gets a toast', async () => {
    const m = setup({ takenOver: async () => ({ by: 'Maria Lopez' }) });
    const ana = tg(301, 'Ana');
    await m.engine.handle(input(ana, { type: 'text', text: 'pump 301 is leaking' }));
    const tap = await m.engine.handle(input(ana, { type: 'tap', data: 'c:00000000:1', messageId: '7' }));
    expect(m.dispatcher.texts('301')).toEqual([]);
    expect(m.dispatcher.creates()).toEqual([]);
    expect(m.inbound).toHaveLength(2);
    expect(m.mirrored.map((x) => x.text)).toEqual(['pump 301 is leaking', '[tap]']);
    expect(tap.toast).toBe('Maria Lopez (supervisor) is handling this conversation; they will answer you here.');
  });

  it('continues a handed-over report with the machine a supervisor picked, to the confirmation; mirrored as the supervisor’s', async () => {
    const m = setup({});
    const ana = tg(302, 'Ana');
    await m.engine.handle(input(ana, { type: 'text', text: 'pump 301 is leaking' }));
    await m.engine.handle(input(ana, { type: 'tap', data: m.dispatcher.lastWithButtons('302')!.buttons!.flat().find((b) => b.text === 'None of these')!.data, messageId: '7' }));
    const q = m.asked.at(-1)!;
    expect(q).toMatchObject({ topic: 'which_asset', report: { candidates: [{ id: 1 }, { id: 2 }], mention: 'pump 301' } });
    await m.engine.handle(input(ana, { type: 'asset_picked', draft: q.report!.draft, assetId: 2, by: 'Omar Diaz' }, { origin: 'supervisor', description: '[Omar Diaz (supervisor) picked Pump 301]' }));
    expect(m.dispatcher.texts('302').slice(-2)).toEqual([
      'Omar Diaz (supervisor) picked the machine: Pump 301 · Cooling tower.',
      expect.stringMatching(/^New work order\nAsset: Pump 301 · Cooling tower/),
    ]);
    expect(m.mirrored.at(-1)).toEqual({ sender: 'system', text: '[Omar Diaz (supervisor) picked Pump 301]' });
    // Something that is not a report does nothing.
    const before = m.dispatcher.calls.length;
    await m.engine.handle(input(ana, { type: 'asset_picked', draft: { nope: true }, assetId: 1, by: 'Omar' }, { origin: 'supervisor' }));
    expect(m.dispatcher.calls.length).toBe(before);
  });

  it('hands a message it did not understand to a person when one is connected, keyed by the event', async () => {
    const m = setup({});
    m.deps.understanding = { understand: (text) => ({ intent: 'ask_human', confidence: 0.2, priority: null, workOrderNumber: null, status: null, asset: null, title: null, description: text }), resolveAsset: () => ({ decision: 'not_found', candidates: [] }) };
    const engine = createChatEngine(m.deps);
    await engine.handle(input(tg(303, 'Cy'), { type: 'text', text: 'asdf' }, { eventKey: 'tg:u:nu1' }));
    expect(m.asked).toEqual([expect.objectContaining({ topic: 'not_understood', key: 'tg:u:nu1', text: 'asdf' })]);
    expect(m.dispatcher.texts('303')).toEqual(['Sorry, I didn’t get that, so I passed it to a supervisor. Their answer will come here.']);
  });
});
