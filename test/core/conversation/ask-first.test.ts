/**
 * The flow with the real understanding layer over a small registry: titles on the card (and the
 * Title button), one reminder per pending step, asking the person first, and bare numbers settled
 * by what exists.
 */
import { CLARIFY_BELOW } from '../../../src/core/understanding/interpret.js';
import { describe, expect, it } from 'vitest';
import type { AssetRecord, WorkOrderSummary } from '../../../src/core/model.js';
import { buildAssetIndex } from '../../../src/core/assets/index.js';
import { interpret } from '../../../src/core/understanding/index.js';
import { createConversationFlow, decodeButton, type FlowContext, type FlowDeps, type FlowState, type Outcome } from '../../../src/core/conversation/index.js';
import { bareNumber } from '../../../src/core/conversation/clarify.js';

const registry: AssetRecord[] = [
  { id: 1, customId: 'A1', name: 'Centrifugal Pump P-301', location: { id: 10, name: 'Plant - Boiler Room' } },
  { id: 2, customId: 'A2', name: 'PTAC Unit PTAC-733', location: { id: 20, name: 'North Tower - Room 733' } },
  { id: 3, customId: 'A3', name: 'Depalletizer DEP-1', location: { id: 30, name: 'Plant - Line 1' } },
  { id: 4, customId: 'A4', name: 'Chiller CH-2', location: { id: 10, name: 'Plant - Boiler Room' } },
  { id: 5, customId: 'A5', name: 'Chiller CH-2', location: { id: 20, name: 'North Tower - Roof' } },
];
const index = buildAssetIndex(registry);

const wo = (id: number, over: Partial<WorkOrderSummary> = {}): WorkOrderSummary => ({
  id, customId: `WO${String(id).padStart(6, '0')}`, title: `Job ${id}`, description: null, status: 'IN_PROGRESS', priority: 'MEDIUM',
  asset: null, location: null, assignees: [], people: { createdBy: null, primaryUserId: null, assignedToIds: [], teamUserIds: [] },
  createdAt: new Date(0), updatedAt: new Date(0), dueDate: null, completedOn: null, ...over,
});

function setup(opts: { workOrders?: WorkOrderSummary[]; hidden?: number[]; supervisor?: boolean; contact?: string | null } = {}) {
  const asked: { text: string; topic: string }[] = [];
  const workOrders = new Map((opts.workOrders ?? [wo(2250, { title: 'Door closer loose' }), wo(42, { title: 'Seal leak' })]).map((w) => [w.id, w]));
  const deps: FlowDeps = {
    understand: (text, rc) => interpret(text, { assets: index, resolveContext: rc }),
    resolveAsset: (m, rc) => index.resolve(m, rc),
    asset: (id) => registry.find((a) => a.id === id),
    catalog: () => registry,
    reader: { getByNumber: async (n) => workOrders.get(n) ?? null, openForAsset: async () => [], byIds: async (ids) => ids.flatMap((i) => (workOrders.get(i) ? [workOrders.get(i)!] : [])) },
    // Someone else's work orders read as missing (core/access decides that; here a list says whose).
    access: {
      check: async (_a, _action, w) => ((opts.hidden ?? []).includes(w.id) ? { denied: { reason: 'not_found' } } : 'allowed'),
      visible: async (_w, wos) => wos, throttle: async () => 0, mayFile: async () => 'allowed',
    },
    ownWorkOrderIds: async () => [42],
    askSupervisor: async (q) => {
      asked.push({ text: q.text, topic: q.topic ?? '' });
      return { delivered: opts.supervisor ?? false };
    },
    supervisorContact: opts.contact ?? null,
  };
  const flow = createConversationFlow(deps);
  const conv = { id: '8f3a1c2e-0000-4000-8000-000000000002', version: 0, state: null as FlowState | null };
  let n = 0;
  const ctx = (): FlowContext => ({
    conversation: { ...conv },
    user: { id: 'u1', name: 'Ana', tier: 'beta', homeLocationId: null, recentAssetIds: [] },
    actor: { id: 'u1', role: 'technician', tier: 'beta', crews: [], atlasUserId: null, disabled: false },
    chat: { channel: 'telegram', chatId: '100' },
    eventKey: `tg:u:${++n}`,
    now: new Date(),
  });
  const apply = (o: Outcome) => {
    if (o.state !== undefined) {
      conv.state = o.state;
      conv.version += 1;
    }
    return o;
  };
  const buttons = (o: Outcome) => o.replies.flatMap((r) => r.buttons ?? []).flat();
  const say = async (text: string) => apply(await flow.text(ctx(), text));
  const tap = async (o: Outcome, label: RegExp) => {
    const b = buttons(o).find((x) => label.test(x.text));
    if (!b) throw new Error(`no button ${label} in ${JSON.stringify(buttons(o).map((x) => x.text))}`);
    const p = decodeButton(b.data);
    if (p?.kind !== 'flow') throw new Error('not a flow button');
    return apply(await flow.button(ctx(), p));
  };
  const texts = (o: Outcome) => o.replies.map((r) => r.text);
  return { flow, conv, say, tap, buttons, texts, asked };
}

describe('the confirmation card’s title', () => {
  it('is short and names the machine; the Title button takes a typed one', async () => {
    const s = setup();
    const card = await s.say('Depalletizer DEP-1 on line 1 keeps dropping layers of bottles, the sweep arm is bent and the whole line is backing up');
    expect(card.replies[0]!.text).toMatch(/Title: DEP-1 dropping layers of bottles$/m);
    expect(s.buttons(card).map((b) => b.text)).toEqual(['✅ Create', 'Priority', 'Title', 'Cancel']);

    const asking = await s.tap(card, /^Title$/);
    expect(asking.replies[0]).toMatchObject({ edit: true, text: expect.stringMatching(/Send the new title/) });
    const again = await s.say('  DEP-1 sweep arm bent  ');
    expect(again.replies[0]!.text).toMatch(/Title: DEP-1 sweep arm bent$/m);
    const created = await s.tap(again, /Create/);
    expect(created.commands[0]).toMatchObject({ type: 'create_work_order', draft: { title: 'DEP-1 sweep arm bent', assetId: 3 } });
    expect((created.commands[0] as { draft: { description: string } }).draft.description).toMatch(/whole line is backing up/);
  });

  it('names the machine picked from "which one?"', async () => {
    const s = setup();
    const which = await s.say('chiller CH-2 is short cycling again');
    const card = await s.tap(which, /Roof/);
    expect(card.replies[0]!.text).toMatch(/Title: CH-2 short cycling again$/m);
  });
});

describe('one reminder per pending step', () => {
  it('answers side messages plainly and says "still waiting" once; the buttons stay good', async () => {
    const s = setup();
    const which = await s.say('chiller CH-2 is short cycling again');
    expect(s.texts(which)[0]).toMatch(/Which one/);
    const thanks = await s.say('thanks!');
    expect(s.texts(thanks)).toEqual(['You’re welcome. Anything else broken, just tell me.', 'Your report is still waiting for a tap above.']);
    const help = await s.say('help');
    expect(s.texts(help)).toHaveLength(1);
    expect(s.texts(help)[0]).toMatch(/Tell me what is broken/);
    const status = await s.say('status 42');
    expect(s.texts(status)).toEqual([expect.stringMatching(/^WO000042 · Seal leak/)]);
    const mine = await s.say('my work orders');
    expect(s.texts(mine)).toEqual([expect.stringMatching(/^Your work orders:/)]);
    // The "which one?" buttons shown before the reminder still work.
    const card = await s.tap(which, /Boiler/);
    expect(s.texts(card)[0]).toMatch(/Asset: Chiller CH-2 · Plant - Boiler Room/);
  });

  it('a new report still replaces the pending one', async () => {
    const s = setup();
    await s.say('chiller CH-2 is short cycling again');
    const next = await s.say('pump P-301 is leaking oil all over the floor');
    expect(s.texts(next)[0]).toMatch(/dropped your unfinished report/);
    expect(s.texts(next)[1]).toMatch(/Title: P-301 leaking oil all over the floor/);
  });
});

/** A terse message about a work order that Rivet's calibrated reading is unsure of (below CLARIFY_BELOW). */
const UNSURE = '2250 news';

describe('asking the person first', () => {
  it('the unsure message used below is one Rivet is unsure of', () => {
    const i = interpret(UNSURE, { assets: buildAssetIndex(registry) });
    expect(i.confidence).toBeLessThan(CLARIFY_BELOW);
    expect(i.alternatives?.[1]?.confidence).toBeGreaterThanOrEqual(0.2);
  });

  it('a low-confidence status question gets the likeliest meanings as buttons, not a supervisor', async () => {
    const s = setup();
    const q = await s.say(UNSURE);
    expect(s.texts(q)).toEqual(['I’m not sure what you mean. Is it one of these?']);
    expect(s.buttons(q).map((b) => b.text)).toEqual(['Status of WO002250?', 'Ask a supervisor', 'Cancel']);
    expect(s.asked).toEqual([]);
    const status = await s.tap(q, /Status of/);
    expect(status.replies[0]).toMatchObject({ edit: true, text: expect.stringMatching(/^WO002250 · Door closer loose/) });
    expect(s.conv.state).toBeNull();
  });

  it('"Ask a supervisor" hands it over; with none connected it says how to reach one', async () => {
    const s = setup({ contact: 'Maria, ext. 214' });
    const q = await s.say(UNSURE);
    const r = await s.tap(q, /Ask a supervisor/);
    expect(s.asked).toEqual([{ text: UNSURE, topic: 'question' }]);
    expect(s.texts(r)[0]).toBe('I can’t pass this to a supervisor from here. You can reach one at: Maria, ext. 214');
    expect(s.texts(r).join(' ')).not.toMatch(/No supervisor is connected/);
  });

  it('a question that is only for a person goes to one directly', async () => {
    const s = setup({ supervisor: true });
    const r = await s.say('what PPE do i need for the battery room');
    expect(s.asked).toHaveLength(1);
    expect(s.texts(r)).toEqual(['I passed your question to a supervisor. Their answer will come here.']);
    const none = setup();
    const r2 = await none.say('what PPE do i need for the battery room');
    expect(none.texts(r2)[0]).toMatch(/call or find your supervisor/);
  });

  it('an unclear question about a number that is nobody’s work order of theirs nor a machine says it cannot find it', async () => {
    const s = setup({ hidden: [2250] });
    const r = await s.say('hows 2250 coming along');
    expect(s.texts(r)).toEqual(["I can't find WO002250 in your work orders. Check the number, or send /mine to see yours."]);
    expect(s.asked).toEqual([]);
  });

  it('writing again instead of tapping drops the question quietly', async () => {
    const s = setup();
    await s.say(UNSURE);
    const r = await s.say('status 42');
    expect(s.texts(r)).toEqual([expect.stringMatching(/^WO000042/)]);
    expect(s.conv.state).toBeNull();
  });
});

describe('a bare number', () => {
  it('is recognised only standing alone, not inside codes, measures or after "WO"', () => {
    expect(bareNumber('2250')).toBe(2250);
    expect(bareNumber('hows 2250 coming along')).toBe(2250);
    expect(bareNumber('WO 2250 status')).toBeNull();
    expect(bareNumber('P-301 leaking')).toBeNull();
    expect(bareNumber('water is 72F')).toBeNull();
    expect(bareNumber('733 and 734')).toBeNull();
  });

  it('that is only a work order shows its status', async () => {
    const s = setup();
    const r = await s.say('2250');
    expect(s.texts(r)).toEqual([expect.stringMatching(/^WO002250 · Door closer loose/)]);
  });

  it('that is only a machine’s number starts a report on it', async () => {
    const s = setup();
    const r = await s.say('733');
    expect(s.texts(r)).toEqual(["Reporting on PTAC Unit PTAC-733 · North Tower - Room 733. What's wrong?"]);
  });

  it('that is both asks which', async () => {
    const s = setup({ workOrders: [wo(733, { title: 'Lobby door' })] });
    const r = await s.say('733');
    expect(s.texts(r)).toEqual(['733: do you mean the work order or the machine?']);
    expect(s.buttons(r).map((b) => b.text)).toEqual(['Status of WO000733?', 'Report a problem on PTAC Unit PTAC-733 · Room 733', 'Ask a supervisor', 'Cancel']);
    const report = await s.tap(r, /Report a problem/);
    expect(s.texts(report)[0]).toMatch(/Reporting on PTAC Unit PTAC-733/);
  });

  it('that is someone else’s work order counts only as the machine', async () => {
    const s = setup({ workOrders: [wo(733, { title: 'Lobby door' })], hidden: [733] });
    const r = await s.say('733');
    expect(s.texts(r)[0]).toMatch(/Reporting on PTAC Unit PTAC-733/);
  });
});
