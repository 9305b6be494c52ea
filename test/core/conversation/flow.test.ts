import { describe, expect, it } from 'vitest';
import type { AssetRecord, WorkOrderSummary } from '../../../src/core/model.js';
import {
  createConversationFlow, decodeButton, type FlowContext, type FlowDeps, type FlowInterpretation, type FlowResolution, type FlowState, type Outcome,
} from '../../../src/core/conversation/index.js';

const assets: AssetRecord[] = [
  { id: 1, customId: 'A1', name: 'Pump 301', location: { id: 10, name: 'Boiler room' } },
  { id: 2, customId: 'A2', name: 'Pump 301', location: { id: 20, name: 'Cooling tower' } },
  { id: 3, customId: 'A3', name: 'Compressor 2', location: { id: 10, name: 'Boiler room' } },
];

function resolve(mention: string): FlowResolution {
  const hits = assets.filter((a) => mention.toLowerCase().includes(a.name.toLowerCase()) || `${a.name} ${a.location?.name}`.toLowerCase().includes(mention.toLowerCase()));
  const narrowed = hits.filter((a) => mention.toLowerCase().includes(a.location!.name.toLowerCase()));
  const c = (narrowed.length ? narrowed : hits).map((asset) => ({ asset, score: 1 }));
  return { decision: c.length === 0 ? 'not_found' : c.length === 1 ? 'resolved' : 'ambiguous', candidates: c };
}

/** A tiny stand-in for the understanding layer, enough to drive the flow. */
function understand(text: string): FlowInterpretation {
  const base = { confidence: 0.9, priority: null, workOrderNumber: null, status: null, asset: null, title: null, description: text } as FlowInterpretation;
  const n = /\b(\d{2,})\b/.exec(text);
  if (/^(cancel|stop)$/i.test(text)) return { ...base, intent: 'cancel' };
  if (/^(hi|hello|thanks)/i.test(text)) return { ...base, intent: 'smalltalk' };
  if (/\bdone\b/i.test(text) && n) return { ...base, intent: 'update_status', workOrderNumber: Number(n[1]), status: 'COMPLETE' };
  if (/^status/i.test(text)) return { ...base, intent: 'check_status', workOrderNumber: n ? Number(n[1]) : null };
  if (/^add to/i.test(text) && n) return { ...base, intent: 'add_comment', workOrderNumber: Number(n[1]) };
  const m = /(pump 301|compressor 2|widget \w+)(?: in the ([a-z ]+?))?(?: is|,|$)/i.exec(text);
  return {
    ...base,
    intent: 'create_work_order',
    priority: /urgent/i.test(text) ? 'HIGH' : null,
    title: text.length > 30 ? text.slice(0, 30) : text,
    asset: m ? { mention: m[0].replace(/( is|,)$/, ''), resolution: resolve(m[0]) } : null,
  };
}

const wo = (id: number, status: WorkOrderSummary['status'] = 'OPEN', assetId = 1): WorkOrderSummary => ({
  id, customId: `WO${String(id).padStart(6, '0')}`, title: `Job ${id}`, description: null, status, priority: 'MEDIUM',
  asset: { id: assetId, name: 'Pump 301' }, location: null, assignees: [], people: { createdBy: null, primaryUserId: null, assignedToIds: [], teamUserIds: [] }, createdAt: new Date(), updatedAt: new Date(), dueDate: null, completedOn: null,
});

function setup(opts: { open?: WorkOrderSummary[]; supervisor?: boolean; atlasDown?: boolean } = {}) {
  const asked: string[] = [];
  const deps: FlowDeps = {
    understand,
    resolveAsset: resolve,
    asset: (id) => assets.find((a) => a.id === id),
    reader: {
      getByNumber: async (n) => {
        if (opts.atlasDown) throw new Error('connect ECONNREFUSED');
        return n === 42 ? wo(42, 'IN_PROGRESS') : null;
      },
      openForAsset: async (id) => {
        if (opts.atlasDown) throw new Error('connect ECONNREFUSED');
        return (opts.open ?? []).filter((w) => w.asset?.id === id);
      },
      byIds: async (ids) => ids.map((id) => wo(id)),
    },
    // Who may do what is core/access's (test/core/access); here everything is the person's own.
    access: { check: async () => 'allowed', visible: async (_who, wos) => wos, throttle: async () => 0, mayFile: async () => 'allowed' },
    ownWorkOrderIds: async () => [7, 8],
    askSupervisor: async (q) => {
      asked.push(q.text);
      return { delivered: opts.supervisor ?? false };
    },
  };
  const flow = createConversationFlow(deps);
  const conv = { id: '8f3a1c2e-0000-4000-8000-000000000001', version: 0, state: null as FlowState | null };
  let n = 0;
  const ctx = (userId = 'u1'): FlowContext => ({
    conversation: { ...conv },
    user: { id: userId, name: userId === 'u1' ? 'Ana' : 'Bo', tier: 'beta', homeLocationId: null, recentAssetIds: [] },
    actor: { id: userId, role: 'technician', tier: 'beta', crews: [], atlasUserId: null, disabled: false },
    chat: { channel: 'telegram', chatId: '100' },
    eventKey: `tg:u:${++n}`,
    now: new Date(),
  });
  /** Applies an outcome the way the bot does: a state write bumps the version. */
  const apply = (o: Outcome) => {
    if (o.state !== undefined) {
      conv.state = o.state;
      conv.version += 1;
    }
    return o;
  };
  const buttons = (o: Outcome) => o.replies.flatMap((r) => r.buttons ?? []).flat();
  const tap = async (o: Outcome, label: RegExp, userId = 'u1') => {
    const b = buttons(o).find((x) => label.test(x.text));
    if (!b) throw new Error(`no button ${label} in ${JSON.stringify(buttons(o))}`);
    const p = decodeButton(b.data);
    if (p?.kind !== 'flow') throw new Error('not a flow button');
    return apply(await flow.button(ctx(userId), p));
  };
  return { flow, conv, ctx, apply, tap, buttons, asked };
}

describe('conversation flow', () => {
  it('files a report after disambiguation, priority change and confirmation; a second tap is stale', async () => {
    const s = setup();
    const first = s.apply(await s.flow.text(s.ctx(), 'pump 301 is leaking oil, urgent'));
    expect(first.replies[0]!.text).toMatch(/Which one/);
    expect(s.buttons(first).map((b) => b.text)).toEqual(['Pump 301 · Boiler room', 'Pump 301 · Cooling tower', 'None of these', 'Cancel']);
    for (const b of s.buttons(first)) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);

    const card = await s.tap(first, /Cooling/);
    expect(card.replies[0]).toMatchObject({ edit: true, text: expect.stringMatching(/Asset: Pump 301 · Cooling tower\nPriority: High/) });
    const picker = await s.tap(card, /Priority/);
    const card2 = await s.tap(picker, /Low/);
    expect(card2.replies[0]!.text).toMatch(/Priority: Low/);
    const created = await s.tap(card2, /Create/);
    expect(created.commands).toEqual([
      { type: 'create_work_order', idempotencyKey: `wo:${s.conv.id}:4`, draft: expect.objectContaining({ assetId: 2, priority: 'LOW' }) },
    ]);
    expect(s.conv.state).toBeNull();

    const again = await s.flow.button(s.ctx(), decodeButton(s.buttons(card2).find((b) => /Create/.test(b.text))!.data) as never);
    expect(again).toMatchObject({ commands: [], toast: expect.stringMatching(/out of date/) });
  });

  it('offers to add to the asset’s open work order instead', async () => {
    const s = setup({ open: [wo(42, 'OPEN', 3)] });
    const o = s.apply(await s.flow.text(s.ctx(), 'compressor 2 is making a grinding noise'));
    expect(o.replies[0]!.text).toMatch(/already has an open work order:\nWO000042/);
    const added = await s.tap(o, /Add to WO000042/);
    expect(added.commands[0]).toMatchObject({ type: 'add_comment', workOrder: { id: 42 }, text: 'compressor 2 is making a grinding noise' });
  });

  it('refuses someone else’s buttons in a group', async () => {
    const s = setup();
    const o = s.apply(await s.flow.text(s.ctx(), 'pump 301 is leaking'));
    const b = decodeButton(s.buttons(o)[0]!.data) as never;
    expect(await s.flow.button(s.ctx('u2'), b)).toMatchObject({ toast: 'These buttons are for Ana.', commands: [] });
  });

  it('lets a new report win over a pending one, and says so', async () => {
    const s = setup();
    s.apply(await s.flow.text(s.ctx(), 'pump 301 is leaking'));
    const o = s.apply(await s.flow.text(s.ctx(), 'compressor 2 is overheating'));
    expect(o.replies[0]!.text).toMatch(/dropped your unfinished report/);
    expect(o.replies[1]!.text).toMatch(/New work order\nAsset: Compressor 2 · Boiler room/);
    expect(s.conv.state?.kind).toBe('confirm_create');
  });

  it('answers a status question on the side and keeps the pending step', async () => {
    const s = setup();
    s.apply(await s.flow.text(s.ctx(), 'pump 301 is leaking'));
    const o = s.apply(await s.flow.text(s.ctx(), 'status 42'));
    expect(o.replies.map((r) => r.text).join('\n')).toMatch(/WO000042 · Job 42\nStatus: In progress[\s\S]*still waiting/);
    expect(s.conv.state?.kind).toBe('choose_asset');
  });

  it('completes a work order after one tap and an optional closing note', async () => {
    const s = setup();
    const o = s.apply(await s.flow.text(s.ctx(), '42 done'));
    expect(o.replies[0]!.text).toBe('Set WO000042 “Job 42” to Complete?');
    const note = await s.tap(o, /Complete it/);
    expect(note.replies[0]!.text).toMatch(/closing note/);
    const done = s.apply(await s.flow.text(s.ctx(), 'replaced the bearing'));
    expect(done.commands).toEqual([
      { type: 'change_status', idempotencyKey: `st:${s.conv.id}:2`, workOrder: { id: 42, customId: 'WO000042', title: 'Job 42' }, status: 'COMPLETE', note: 'replaced the bearing' },
    ]);
  });

  it('starts from a QR deep link and asks what is wrong', async () => {
    const s = setup();
    const o = s.apply(await s.flow.reportOnAsset(s.ctx(), 3));
    expect(o.replies[0]!.text).toBe("Reporting on Compressor 2 · Boiler room. What's wrong?");
    const card = s.apply(await s.flow.text(s.ctx(), 'belt squeals at startup'));
    expect(card.replies[0]!.text).toMatch(/Asset: Compressor 2 · Boiler room\nPriority: Medium\nTitle: Compressor 2 belt squeals at startup/);
  });

  it('asks for the machine once when it cannot find it, then files without one', async () => {
    const s = setup();
    const o = s.apply(await s.flow.text(s.ctx(), 'widget zz is broken'));
    expect(o.replies[0]!.text).toMatch(/can't find “widget zz”/);
    const card = s.apply(await s.flow.text(s.ctx(), 'the blue one'));
    expect(card.replies.map((r) => r.text).join('\n')).toMatch(/without a machine[\s\S]*Asset: not set/);
  });

  it('"None of these" hands over to a supervisor when one is connected', async () => {
    const s = setup({ supervisor: true });
    const o = s.apply(await s.flow.text(s.ctx(), 'pump 301 is leaking'));
    const r = await s.tap(o, /None of these/);
    expect(r.replies[0]!.text).toMatch(/passed it to a supervisor/);
    expect(s.asked[0]).toMatch(/Ana reported: “pump 301 is leaking”/);
    expect(s.conv.state).toBeNull();
  });

  it('attaches a photo sent first to the report that follows', async () => {
    const s = setup();
    const photo = { storedAt: 'files/a.jpg', fileName: 'a.jpg', mimeType: 'image/jpeg', kind: 'image' as const };
    const o = s.apply(await s.flow.media(s.ctx(), photo, null));
    expect(o.replies[0]!.text).toMatch(/What's the problem/);
    const card = s.apply(await s.flow.text(s.ctx(), 'compressor 2 is leaking'));
    expect(card.replies[0]!.text).toMatch(/📎 1 photo/);
    const more = s.apply(await s.flow.media(s.ctx(), photo, null));
    expect(more.replies.map((r) => r.text).join('\n')).toMatch(/Added to this report \(2 files\)[\s\S]*📎 2 photos/);
  });

  it('a caption naming a work order adds the photo to it as a comment', async () => {
    const s = setup();
    const photo = { storedAt: 'files/b.jpg', fileName: 'b.jpg', mimeType: 'image/jpeg', kind: 'image' as const };
    const o = await s.flow.media(s.ctx(), photo, 'add to 42: after cleaning');
    expect(o.commands[0]).toMatchObject({ type: 'add_comment', workOrder: { id: 42 }, text: 'after cleaning', attachments: [photo] });
  });

  it('cancel, help, smalltalk and the expiry notice are short', async () => {
    const s = setup();
    expect((await s.flow.text(s.ctx(), 'cancel')).replies[0]!.text).toMatch(/Nothing to cancel/);
    expect((await s.flow.text(s.ctx(), 'hello')).replies[0]!.text).toMatch(/Hi Ana/);
    expect(s.flow.expired({ kind: 'confirm_create', ownerId: 'u1', draft: { assetLabel: 'Pump 301 · Boiler room', attachments: [] } })).toMatch(/unfinished report about Pump 301 · Boiler room expired/);
    expect(s.flow.expired(null)).toBeNull();
  });

  it('when Atlas is down, reads say so and a report still reaches its confirmation card', async () => {
    const s = setup({ atlasDown: true });
    expect((await s.flow.status(s.ctx(), 42)).replies[0]!.text).toMatch(/not answering/);
    const o = s.apply(await s.flow.text(s.ctx(), 'compressor 2 is overheating'));
    expect(o.replies[0]!.text).toMatch(/^New work order\nAsset: Compressor 2/);
  });

  it('a question on the side while a typed answer is awaited keeps the step; a new report replaces it', async () => {
    const s = setup();
    s.apply(await s.flow.reportOnAsset(s.ctx(), 3));
    const side = s.apply(await s.flow.text(s.ctx(), 'status 42'));
    expect(side.replies.map((r) => r.text).join('\n')).toMatch(/WO000042[\s\S]*still waiting for your answer above/);
    expect(s.conv.state?.kind).toBe('await_description');
    const o = s.apply(await s.flow.text(s.ctx(), '42 done'));
    expect(o.replies[0]!.text).toMatch(/dropped your unfinished report about Compressor 2/);
    expect(s.conv.state?.kind).toBe('confirm_status');
  });
});
