/**
 * Work orders in the oversight channel: a thread per work order with the conversation mirrored,
 * replies internal unless marked, take-over and hand-back, changes made in Atlas from the
 * thread's first message and reported on both sides, escalation of untouched HIGH reports, /rivet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate, type Person } from '../fakes/telegram/updates.js';
import { messageShortcut } from '../fakes/slack/requests.js';
import { person, until } from './harness.js';
import { ESCALATION_GROUP, MARIA, OMAR, OVERSIGHT, controlsOf, shownText, startSlackE2E, type SlackE2E } from './slack-harness.js';

let e: SlackE2E;
beforeAll(async () => {
  e = await startSlackE2E();
});
afterAll(() => e?.close());

/** Files a report from Telegram; returns its custom id and its thread's first message. */
async function file(p: Person, text: string, title: RegExp) {
  await e.post(textUpdate(p, text));
  const first = await e.waitForText(p.id, /New work order|already has an open work order/);
  if (/already has an open/.test(first.text ?? '')) {
    await e.tap(p, p.id, /Create new/);
    await until(() => e.tg.sentMessages(p.id).some((m) => /^New work order/.test(m.text ?? '') && m.reply_markup), 8_000, 'the confirmation card');
  }
  await e.tap(p, p.id, /Create/);
  const filed = await e.waitForText(p.id, /^Filed WO\d{6}/);
  const customId = /WO\d{6}/.exec(filed.text!)![0];
  const root = await e.root(new RegExp(`🛠 ${customId} · ${title.source}`));
  return { customId, root, wo: [...e.atlas.state.workOrders.values()].find((w) => w.customId === customId)! };
}

describe('a work order’s thread', () => {
  it('opens with who, what, asset, priority and a link to Atlas, shows the conversation so far, and mirrors what follows (messages, replies, taps, status changes)', async () => {
    const ana = person('Ana');
    const { customId, root, wo } = await file(ana, 'Pump P-501 leaking oil, urgent', /P-501 leaking oil/);
    const card = shownText(root);
    expect(card).toMatch(/Reported by Ana Tech \(Telegram\)/);
    expect(card).toMatch(/Asset: Pump P-501/);
    expect(card).toMatch(/Priority: High · Status: Open · Assigned: nobody/);
    expect(card).toContain(`Atlas: ${e.atlas.url.replace(/\/api$/, '')}/app/work-orders/${wo.id}`);
    expect(card).toMatch(/Replies here stay internal/);
    expect(controlsOf(root).map((c) => c.text)).toEqual(expect.arrayContaining(['🔴 High', 'Bob Builder', '✅ Mark complete', '🎧 Take over']));

    await e.reply(root, /^Conversation so far:\nAna: Pump P-501 leaking oil, urgent\nRivet: New work order/);
    await e.post(textUpdate(ana, `/status ${Number(customId.slice(2))}`));
    await e.reply(root, new RegExp(`^Ana: /status ${Number(customId.slice(2))}$`));
    await e.reply(root, new RegExp(`^Rivet: ${customId} · P-501 leaking oil\\nStatus: Open`));

    await e.atlas.setStatusExternally(wo.id, 'IN_PROGRESS');
    await e.reply(root, new RegExp(`^${customId} is now In progress\\.$`), 10_000);
    await until(() => /Status: In progress/.test(shownText(e.current(root))), 8_000, 'the card shows the new status');
    // The requester's own notice is not mirrored a second time.
    expect(e.replies(root).filter((t) => /is now/.test(t))).toHaveLength(1);
  });

  it('keeps replies internal unless they start with >> or are sent with “Send to technician”', async () => {
    const bo = person('Bo');
    const { root } = await file(bo, 'Pump P-502 rinse pump making noise', /P-502 making noise/);
    await e.say(MARIA, 'Bo again… third pump this month', { threadTs: root.ts });
    await e.say(OMAR, '> quoting is not the marker', { threadTs: root.ts });
    await e.say(MARIA, '>> Bob is on his way, keep the area clear', { threadTs: root.ts });
    await e.waitForText(bo.id, /^Maria Lopez \(supervisor\): Bob is on his way, keep the area clear$/);
    await e.note(MARIA, /Sent to Bo\./);
    const tsOfInternal = '1999999999.000001';
    await e.send(messageShortcut({ teamId: e.slack.teamId, user: OMAR.id, channel: OVERSIGHT, message: { ts: tsOfInternal, thread_ts: root.ts, text: 'Bring ear protection', user: OMAR.id } }));
    await e.waitForText(bo.id, /^Omar Diaz \(supervisor\): Bring ear protection$/);
    // Rivet's own lines cannot be sent on.
    await e.send(messageShortcut({ teamId: e.slack.teamId, user: OMAR.id, channel: OVERSIGHT, message: { ts: root.ts, text: 'card', bot_id: e.slack.bot.botId } }));
    await e.note(OMAR, /Only a person’s reply can be sent/);
    await new Promise((r) => setTimeout(r, 500));
    const told = e.texts(bo.id).join('\n');
    expect(told).not.toMatch(/third pump/);
    expect(told).not.toMatch(/quoting is not the marker/);
  });

  it('take over: the bot goes quiet for the technician, whose messages go to the thread only; hand back: the bot answers again', async () => {
    const cy = person('Cy');
    const { root } = await file(cy, 'Pump P-503 making noise', /P-503 making noise/);
    await e.click(MARIA, e.current(root), /Take over/);
    await e.waitForText(cy.id, /Maria Lopez \(supervisor\) is taking over this conversation/);
    await e.reply(root, /Maria Lopez took over/);
    await until(() => controlsOf(e.current(root)).some((c) => /Hand back/.test(c.text)), 8_000, 'the Hand back button');
    const before = e.texts(cy.id).length;

    await e.post(textUpdate(cy, 'hello? the noise is getting worse'));
    await e.reply(root, /^Cy: hello\? the noise is getting worse$/);
    await e.post(textUpdate(cy, 'status 1'));
    await e.reply(root, /^Cy: status 1$/);
    await new Promise((r) => setTimeout(r, 600));
    expect(e.texts(cy.id).slice(before)).toEqual([]);

    await e.click(OMAR, e.current(root), /Hand back/);
    await e.waitForText(cy.id, /Omar Diaz \(supervisor\) handed you back to Rivet/);
    await e.post(textUpdate(cy, 'hello'));
    await e.waitForText(cy.id, /Hi Cy/);
  });

  it('sets the priority and the assignee in Atlas and says so on both sides; marks it complete', async () => {
    const di = person('Di');
    const { customId, root, wo } = await file(di, 'Pump P-501 seal worn, not urgent', /P-501 seal worn/);
    await e.click(MARIA, e.current(root), /🔴 High/);
    await e.reply(root, new RegExp(`Maria Lopez set ${customId} to High priority`));
    expect(e.atlas.state.workOrders.get(wo.id)!.priority).toBe('HIGH');
    await e.waitForText(di.id, new RegExp(`Maria Lopez \\(supervisor\\) set ${customId} to High priority`));

    await e.click(MARIA, e.current(root), /Bob Builder/);
    await e.reply(root, new RegExp(`Maria Lopez assigned ${customId} to Bob Builder`));
    const bob = e.atlas.store.users.find((u) => u.email === 'bob@rivet.test')!;
    expect(e.atlas.state.workOrders.get(wo.id)!.assignedToIds).toEqual([bob.id]);
    await e.waitForText(di.id, new RegExp(`assigned ${customId} to Bob Builder`));
    await until(() => /Priority: High · Status: Open · Assigned: Bob Builder/.test(shownText(e.current(root))), 8_000, 'the card shows both');

    await e.click(MARIA, e.current(root), /Mark complete/);
    await e.waitForText(di.id, new RegExp(`Maria Lopez \\(supervisor\\) marked ${customId} complete`));
    expect(e.atlas.state.workOrders.get(wo.id)!.status).toBe('COMPLETE');
    // The status poll does not announce the same change again.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(e.texts(di.id).filter((t) => new RegExp(`${customId} is now`).test(t))).toEqual([]);
  });
});

describe('escalation', () => {
  it('posts an untouched HIGH report again after the configured minutes, alerting the group; a touched one is left alone', async () => {
    const eve = person('Eve');
    const { customId, root } = await file(eve, 'Pump P-502 leaking oil at the flange, urgent', /P-502 leaking oil at the flange/);
    const fay = person('Fay');
    const touched = await file(fay, 'Pump P-503 leaking badly, urgent', /P-503 leaking badly/);
    await e.say(OMAR, 'looking at it', { threadTs: touched.root.ts });
    await new Promise((r) => setTimeout(r, 400));
    expect(e.slack.messages(OVERSIGHT, { thread: root.ts }).some((m) => m.reply_broadcast)).toBe(false);

    e.clock.advance(16 * 60_000);
    const again = await e.reply(root, new RegExp(`HIGH priority and untouched for 15 min: ${customId}`), 10_000);
    expect(again.reply_broadcast).toBe(true);
    expect(again.blocks[0].text.text).toContain(`<!subteam^${ESCALATION_GROUP}>`);
    await new Promise((r) => setTimeout(r, 600));
    expect(e.slack.messages(OVERSIGHT, { thread: root.ts }).filter((m) => m.reply_broadcast)).toHaveLength(1);
    expect(e.slack.messages(OVERSIGHT, { thread: touched.root.ts }).filter((m) => m.reply_broadcast)).toHaveLength(0);
  });
});

describe('/rivet', () => {
  it('answers status, open and help with notes only the asker sees; refuses people who are not supervisors outside the channel', async () => {
    const gus = person('Gus');
    const { customId } = await file(gus, 'Pump P-501 making a grinding noise, urgent', /P-501 making a grinding noise/);
    await e.command(MARIA, `status ${Number(customId.slice(2))}`);
    await e.note(MARIA, new RegExp(`^${customId} · P-501 making a grinding noise\\nStatus: Open · Priority: High`));
    await e.command(MARIA, 'open');
    const open = await e.note(MARIA, /^Open work orders \(\d+\), most urgent first:/);
    const lines = shownText(open).split('\n').slice(1);
    const firstNotHigh = lines.findIndex((l) => !l.startsWith('🔴'));
    expect(lines.slice(firstNotHigh === -1 ? lines.length : firstNotHigh).some((l) => l.startsWith('🔴'))).toBe(false);
    await e.command(MARIA, 'help');
    await e.note(MARIA, /\/rivet find pump 301/);
    e.slack.addUser({ id: 'U0STRANGER', name: 'stranger', real_name: 'Stranger Danger' });
    await e.command({ id: 'U0STRANGER', name: 'stranger', real_name: 'Stranger Danger' }, 'open', 'C0SOMEWHERE');
    await e.note({ id: 'U0STRANGER', name: 'stranger', real_name: 'Stranger Danger' }, /is for supervisors/);
  });
});
