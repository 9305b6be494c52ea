import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { person, startE2E, until, type E2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

describe('report flow through POST /telegram/webhook', () => {
  it('disambiguates, confirms, files once in Atlas on a double tap, and tells the reporter about a status change', async () => {
    const ana = person('Ana');
    const res = await e.post(textUpdate(ana, 'exhaust fan EF-1 is making a loud noise, urgent'));
    expect(res.status).toBe(200);

    const which = await e.waitForText(ana.id, /Which one/);
    const labels = (which.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(labels.map((b) => b.text)).toEqual([
      'Exhaust Fan EF-1 · Hall A (Stamping)',
      'Exhaust Fan EF-1 · Hall B (Assembly)',
      'Exhaust Fan EF-1 · Roof',
      'None of these',
      'Cancel',
    ]);
    for (const b of labels) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    await e.tap(ana, ana.id, /Roof/);
    const card = await e.waitForText(ana.id, /New work order/);
    expect(card.text).toBe('New work order\nAsset: Exhaust Fan EF-1 · Eastgate DC - Roof\nPriority: High\nTitle: EF-1 making a loud noise');
    expect(card.message_id).toBe(which.message_id); // the question was edited into the card

    // Double tap: two callback queries for the same Create button, at once.
    const [a, b] = await Promise.all([e.tap(ana, ana.id, /Create/, { id: 'tap-1' }), e.tap(ana, ana.id, /Create/, { id: 'tap-2' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const filed = await e.waitForText(ana.id, /^Filed WO\d{6}/);
    await until(() => e.tg.answers.filter((x) => ['tap-1', 'tap-2'].includes(x.callback_query_id)).length === 2, 5_000, 'both taps answered');
    expect(e.tg.answers.filter((x) => x.callback_query_id.startsWith('tap-')).map((x) => x.text ?? '').sort()).toEqual(['', 'This button is out of date. Use the latest message.']);
    await new Promise((r) => setTimeout(r, 500));
    const mine = [...e.atlas.state.workOrders.values()].filter((w) => /EF-1 making a loud noise/i.test(w.title));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ priority: 'HIGH' });
    expect(filed.text).toContain(mine[0]!.customId);

    // A person moves it in Atlas's web app; the status poll tells the reporter.
    await e.atlas.setStatusExternally(mine[0]!.id, 'IN_PROGRESS');
    await e.waitForText(ana.id, new RegExp(`${mine[0]!.customId} is now IN_PROGRESS`), 10_000);

    // /mine lists it with its fresh status; /status shows it.
    await e.post(textUpdate(ana, '/mine'));
    await e.waitForText(ana.id, new RegExp(`Your work orders:\\n${mine[0]!.customId} .* – In progress`));
    await e.post(textUpdate(ana, `/status ${Number(mine[0]!.customId.slice(2))}`));
    await e.waitForText(ana.id, new RegExp(`^${mine[0]!.customId} · .*\\nStatus: In progress · Priority: High`));

    // Every inbound and outbound message is stored.
    const stored = await e.tdb.repos.messages.forConversation((await e.tdb.repos.conversations.findOpen('telegram', String(ana.id)))!.id);
    expect(stored.filter((m) => m.direction === 'in').length).toBeGreaterThanOrEqual(5);
    expect(stored.filter((m) => m.direction === 'out').length).toBeGreaterThanOrEqual(5);
  });

  it('offers to add to the open work order of the asset instead', async () => {
    const bo = person('Bo');
    await e.post(textUpdate(bo, 'Pump P-501 leaking oil'));
    await e.waitForText(bo.id, /New work order/);
    await e.tap(bo, bo.id, /Create/);
    const filed = await e.waitForText(bo.id, /^Filed WO/);
    const customId = /WO\d{6}/.exec(filed.text!)![0];

    await e.post(textUpdate(bo, 'pump P-501 is still dripping'));
    await e.waitForText(bo.id, new RegExp(`already has an open work order:\\n${customId}`));
    await e.tap(bo, bo.id, new RegExp(`Add to ${customId}`));
    await e.waitForText(bo.id, new RegExp(`Added your comment to ${customId}`));
    const wo = [...e.atlas.state.workOrders.values()].find((w) => w.customId === customId)!;
    expect(e.atlas.state.comments.some((c) => c.workOrderId === wo.id && /still dripping/.test(c.content))).toBe(true);
  });

  it('completes a work order after a one-tap confirmation and a closing note', async () => {
    const cy = person('Cy');
    await e.post(textUpdate(cy, 'Pump P-502 rinse pump making noise'));
    await e.waitForText(cy.id, /New work order/);
    await e.tap(cy, cy.id, /Create/);
    const filed = await e.waitForText(cy.id, /^Filed WO/);
    const n = Number(/WO(\d{6})/.exec(filed.text!)![1]);
    await e.post(textUpdate(cy, `WO ${n} done`));
    await e.waitForText(cy.id, /to Complete\?/);
    await e.tap(cy, cy.id, /Complete it/);
    await e.waitForText(cy.id, /closing note/);
    await e.post(textUpdate(cy, 'replaced the bearing'));
    await e.waitForText(cy.id, /is now COMPLETE/, 10_000);
    const wo = [...e.atlas.state.workOrders.values()].find((w) => w.customId === `WO${String(n).padStart(6, '0')}`)!;
    expect(wo.status).toBe('COMPLETE');
  });
});

describe('questions a job asks the technician', () => {
  it('asks when the asset vanished from Atlas before filing; a button answer resumes the job', async () => {
    const uma = person('Uma');
    await e.post(textUpdate(uma, 'Pump P-503 making noise'));
    await e.waitForText(uma.id, /New work order\nAsset: Pump P-503/);
    const asset = e.atlas.store.assetsById.get(1602)!;
    e.atlas.store.assetsById.delete(1602);
    e.atlas.store.assets.splice(e.atlas.store.assets.indexOf(asset), 1);
    try {
      await e.tap(uma, uma.id, /Create/);
      await e.waitForText(uma.id, /asset #1602/, 10_000);
      await e.tap(uma, uma.id, /File without the asset/, { id: 'q-tap' });
      await until(() => e.tg.answers.find((a) => a.callback_query_id === 'q-tap'), 5_000, 'question tap answered');
      expect(e.tg.answers.find((a) => a.callback_query_id === 'q-tap')!.text).toBe('Thanks, got it.');
      await e.waitForText(uma.id, /^Filed WO\d+/, 10_000);
    } finally {
      e.atlas.store.assets.push(asset);
      e.atlas.store.assetsById.set(1602, asset);
    }
  });
});

describe('restarts', () => {
  it('a pending confirmation survives a restart of Rivet', async () => {
    const wes = person('Wes');
    await e.post(textUpdate(wes, 'Pump P-502 leaking at the flange'));
    await e.waitForText(wes.id, /New work order/);
    await e.restart();
    await e.tap(wes, wes.id, /Create/);
    await e.waitForText(wes.id, /^Filed WO\d+ — P-502 leaking at the flange/, 10_000);
  });
});
