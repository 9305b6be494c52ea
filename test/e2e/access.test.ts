/**
 * Who may do what, end to end (real PostgreSQL and Redis, the fake Atlas and fake Telegram):
 * numbers cannot be probed, strangers cannot close or comment, crew mates and supervisors can,
 * the requester hears of changes, "Add to" offers only what is yours, comments say who wrote
 * them, lookups are rate limited, groups must be allowed, plans are enforced.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addedToGroupUpdate, groupChat, textUpdate, type Person } from '../fakes/telegram/updates.js';
import { person, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

let e: E2E;
beforeAll(async () => {
  // A small lookup allowance, so the limit can be reached in a test.
  e = await startE2E({ env: { RIVET_LOOKUP_LIMIT: '6/10m' } });
});
afterAll(() => e?.close());

const woNumber = (text: string) => Number(/WO(\d{6})/.exec(text)![1]);
const customId = (n: number) => `WO${String(n).padStart(6, '0')}`;

/** Files a report through the chat and returns its number. */
async function file(p: Person, text: string): Promise<number> {
  await e.post(textUpdate(p, text));
  await e.waitForText(p.id, /New work order/);
  await e.tap(p, p.id, /Create/);
  return woNumber((await e.waitForText(p.id, /^Filed WO\d{6}/)).text!);
}

async function rivetUser(p: Person) {
  return (await until(() => e.tdb.repos.users.byTelegramId(p.id), 5_000, `user ${p.id}`))!;
}

describeWith(['postgres', 'redis'], 'work orders that are not yours', () => {
  it('a stranger counting up numbers gets the same answer for existing and missing ones, and no title', async () => {
    const kim = person('Kim');
    const n = await file(kim, 'Pump P-501 leaking oil at the seal');
    const zed = person('Zed');
    const numbers = [n - 1, n, n + 1, n + 2, n + 50];
    for (const k of numbers) {
      await e.post(textUpdate(zed, `/status ${k}`));
      await e.waitForText(zed.id, new RegExp(customId(k)));
    }
    expect(e.texts(zed.id)).toEqual(numbers.map((k) => `I can't find ${customId(k)} in your work orders. Check the number, or send /mine to see yours.`));
    expect(e.texts(zed.id).join('\n')).not.toMatch(/Pump|leaking|seal/i);
  });

  it('a stranger cannot close or comment on someone else’s work order; Atlas is not touched', async () => {
    const kim = person('Kim');
    const n = await file(kim, 'Pump P-502 rinse pump making noise');
    const wo = [...e.atlas.state.workOrders.values()].find((w) => w.customId === customId(n))!;
    const zed = person('Zed');
    await e.post(textUpdate(zed, `WO ${n} done`));
    await e.post(textUpdate(zed, `add to ${n}: closing this, it is fine`));
    await until(() => e.texts(zed.id).length >= 2, 8_000, 'two answers');
    expect(e.texts(zed.id)).toEqual([expect.stringMatching(/^I can't find/), expect.stringMatching(/^I can't find/)]);
    expect(e.tg.sentMessages(zed.id).some((m) => m.reply_markup)).toBe(false);
    expect(wo.status).toBe('OPEN');
    expect(e.atlas.state.comments.filter((c) => c.workOrderId === wo.id)).toEqual([]);
  });

  it('"Add to WO… instead" is offered only for a work order you may see', async () => {
    const kim = person('Kim');
    const n = await file(kim, 'Slat conveyor CV-11 belt is torn');
    const zed = person('Zed');
    await e.post(textUpdate(zed, 'slat conveyor CV-11 belt torn again'));
    const card = await e.waitForText(zed.id, /New work order|already has an open work order/);
    expect(card.text).toMatch(/^New work order/);
    await e.post(textUpdate(kim, 'slat conveyor CV-11 still torn'));
    await e.waitForText(kim.id, new RegExp(`already has an open work order:\\n${customId(n)}`));
  });
});

describeWith(['postgres', 'redis'], 'people who may', () => {
  it('a crew mate may see and comment; the comment in Atlas names them by Rivet’s record, not the name they chose', async () => {
    const kim = person('Kim');
    const n = await file(kim, 'Centrifugal pump P-301 vibrating');
    const bo: Person = { ...person('Plant_Manager'), username: 'bo_t' };
    await e.post(textUpdate(bo, '/start'));
    await e.waitForText(bo.id, /Hi Plant_Manager/);
    await e.tdb.repos.users.update((await rivetUser(kim)).id, { crew: 'Boiler crew' });
    await e.tdb.repos.users.update((await rivetUser(bo)).id, { crew: 'Boiler crew' });
    await e.post(textUpdate(bo, `/status ${n}`));
    await e.waitForText(bo.id, new RegExp(`^${customId(n)} · `));
    await e.post(textUpdate(bo, `add to ${n}: tightened the mounting bolts`));
    await e.waitForText(bo.id, new RegExp(`Added your comment to ${customId(n)}`));
    const wo = [...e.atlas.state.workOrders.values()].find((w) => w.customId === customId(n))!;
    const comment = e.atlas.state.comments.find((c) => c.workOrderId === wo.id)!;
    // The first line is what a person reads; a retry marker may follow it.
    expect(comment.content.split('\n')[0]).toBe(`Telegram user ${bo.id} @bo_t (chat): tightened the mounting bolts`);
    expect(comment.content).not.toMatch(/Plant_Manager/);
    // Kim hears that someone else commented on her work order.
    await e.waitForText(kim.id, new RegExp(`^Telegram user ${bo.id} @bo_t commented on ${customId(n)}: “tightened the mounting bolts”`));
  });

  it('a supervisor may close anyone’s work order, and the requester is told who did', async () => {
    const ana = person('Ana');
    const n = await file(ana, 'Exhaust fan EF-1 roof belt squealing');
    const sue = person('Sue');
    await e.post(textUpdate(sue, '/start'));
    await e.waitForText(sue.id, /Hi Sue/);
    const sueUser = await rivetUser(sue);
    await e.tdb.repos.users.update(sueUser.id, { role: 'supervisor' });
    await e.post(textUpdate(sue, `WO ${n} done`));
    await e.waitForText(sue.id, /to Complete\?/);
    await e.tap(sue, sue.id, /Complete it/);
    await e.waitForText(sue.id, /closing note/);
    await e.tap(sue, sue.id, /Skip/);
    await e.waitForText(sue.id, new RegExp(`${customId(n)} is now COMPLETE`), 10_000);
    const told = await e.waitForText(ana.id, new RegExp(`^${customId(n)} is now COMPLETE \\(changed by Telegram user ${sue.id}`), 10_000);
    expect(told.text).toContain(`@${sue.username}`);
    expect([...e.atlas.state.workOrders.values()].find((w) => w.customId === customId(n))!.status).toBe('COMPLETE');
  });

  it('one account may look work orders up only so fast, and is told so kindly', async () => {
    const max = person('Max');
    for (let k = 1; k <= 7; k++) await e.post(textUpdate(max, `/status ${9000 + k}`));
    const slow = await e.waitForText(max.id, /a lot of work order lookups/);
    expect(slow.text).toMatch(/^That's a lot of work order lookups in a short time\. Give me (\d+ seconds|a minute|\d+ minutes) and ask again\.$/);
    await until(() => e.texts(max.id).length === 7, 8_000, 'seven answers');
    expect(e.texts(max.id).filter((t) => /I can't find/.test(t))).toHaveLength(6);
  });
});

describeWith(['postgres', 'redis'], 'groups', () => {
  it('a group no administrator allowed gets one message and the bot leaves', async () => {
    const kim = person('Kim');
    const group = groupChat(-100_200_000 - Math.floor(Math.random() * 1e6));
    await e.post(addedToGroupUpdate(kim, group, e.tg.bot));
    await e.post(textUpdate(kim, `@${e.tg.bot.username} Pump P-501 leaking`, { chat: group }));
    await until(() => e.tg.left.includes(String(group.id)), 8_000, 'leaveChat');
    await e.post(textUpdate(person('Lee'), `/status 1`, { chat: group }));
    // Every job that could have said something has had its chance: the pipeline is idle.
    await e.idle();
    expect(e.texts(group.id)).toEqual([`I’m not set up to work in this group, so I’m leaving. An administrator can allow it in Rivet (group id ${group.id}) and add me again.`]);
    expect(e.tg.left.filter((id) => id === String(group.id))).toHaveLength(1);
    expect(await e.tdb.repos.users.byTelegramId(kim.id)).toBeNull();
  });
});

describeWith(['postgres', 'redis'], 'plans', () => {
  it('at the month’s limit a beta user is refused in plain words and nothing reaches Atlas', async () => {
    const bea = person('Bea');
    await e.post(textUpdate(bea, '/start'));
    await e.waitForText(bea.id, /Hi Bea/);
    const user = await rivetUser(bea);
    for (let i = 0; i < 20; i++) {
      await e.tdb.repos.workOrderLinks.record({ organizationId: e.rivet.organization.id, atlasWorkOrderId: 800_000 + i + bea.id % 1000 * 100, requesterId: user.id, idempotencyKey: `quota-${bea.id}-${i}` });
    }
    const before = e.atlas.state.workOrders.size;
    await e.post(textUpdate(bea, 'Pump P-503 making noise'));
    await e.waitForText(bea.id, /^Your plan allows 20 reports a month; you have used 20\. Ask your administrator to upgrade\.$/);
    expect(e.atlas.state.workOrders.size).toBe(before);
  });

  it('a lapsed customer can read their work orders but not file or change them', async () => {
    const lou = person('Lou');
    const n = await file(lou, 'Press PR-102 leaking oil');
    await e.tdb.repos.users.update((await rivetUser(lou)).id, { tier: 'lapsed', email: 'lou@plant.test' });
    await e.post(textUpdate(lou, `/status ${n}`));
    await e.waitForText(lou.id, new RegExp(`^${customId(n)} · PR-102 leaking oil`));
    await e.post(textUpdate(lou, 'Pump P-503 making noise'));
    await e.post(textUpdate(lou, `WO ${n} done`));
    await until(() => e.texts(lou.id).filter((t) => /subscription has lapsed/.test(t)).length === 2, 8_000, 'two refusals');
    expect([...e.atlas.state.workOrders.values()].find((w) => w.customId === customId(n))!.status).toBe('OPEN');
    expect([...e.atlas.state.workOrders.values()].some((w) => /P-503/.test(w.title) && /making noise/i.test(w.title))).toBe(false);
  });
});
