/**
 * Questions for a person, through Slack: asked from Telegram, answered in the oversight thread,
 * and the conversation carried on there until it is resolved; "None of these" settled by a
 * supervisor's pick; a parked job's question answered from Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { person, until } from './harness.js';
import { MARIA, OMAR, OVERSIGHT, shownText, startSlackE2E, type SlackE2E } from './slack-harness.js';

let e: SlackE2E;
beforeAll(async () => {
  e = await startSlackE2E();
});
afterAll(() => e?.close());

describe('a question for a person', () => {
  it('reaches the oversight channel with who asked and the context, and the answer comes back attributed; the technician’s next messages join the thread until it is resolved', async () => {
    const ana = person('Ana');
    await e.post(textUpdate(ana, 'Pump P-501 leaking oil'));
    await e.waitForText(ana.id, /New work order/);
    await e.post(textUpdate(ana, 'what PPE do I need for the battery room'));
    await e.waitForText(ana.id, /passed your question to a supervisor/);

    const root = await e.root(/Ana Tech asks: “what PPE do I need for the battery room”/);
    const shown = shownText(root);
    expect(shown).toMatch(/Recent messages:[\s\S]*Ana: Pump P-501 leaking oil[\s\S]*Rivet: New work order/);
    expect(shown).toMatch(/Replies in this thread reach Ana on Telegram/);

    await e.say(MARIA, 'Gloves and a face shield; the kit is by the door.', { threadTs: root.ts });
    await e.waitForText(ana.id, /^Maria Lopez \(supervisor\): Gloves and a face shield; the kit is by the door\.$/);

    await e.post(textUpdate(ana, 'thanks, where is the eyewash?'));
    await e.reply(root, /^Ana: thanks, where is the eyewash\?$/);

    // Once resolved, replies stay in Slack and the supervisor is told so.
    await e.click(MARIA, e.current(root), /Resolve/);
    await until(() => /Resolved by Maria Lopez/.test(shownText(e.current(root))), 8_000, 'the card shows it resolved');
    await e.say(MARIA, 'internal: she asks a lot', { threadTs: root.ts });
    await e.note(MARIA, /Not sent: this question is resolved/);
    await new Promise((r) => setTimeout(r, 300));
    expect(e.texts(ana.id).some((t) => /she asks a lot/.test(t))).toBe(false);

    // A person who acted in the channel is recorded as a supervisor.
    const rows = await e.tdb.database.db.execute(`select u.role from identities i join rivet_users u on u.id = i.user_id where i.channel = 'slack' and i.external_id = '${MARIA.id}'` as never);
    expect((rows as unknown as { rows: { role: string }[] }).rows[0]?.role).toBe('supervisor');
  });

  it('hands a message Rivet did not understand to supervisors, once per open question', async () => {
    const cy = person('Cy');
    await e.post(textUpdate(cy, 'asdf qwerty zxcv'));
    await e.waitForText(cy.id, /didn’t get that, so I passed it to a supervisor/);
    const root = await e.root(/Rivet did not understand Cy Tech: “asdf qwerty zxcv”/);
    await e.post(textUpdate(cy, 'blorp'));
    await e.reply(root, /^Cy: blorp$/);
    expect(e.slack.roots(OVERSIGHT).filter((m) => /Cy Tech/.test(shownText(m)))).toHaveLength(1);
  });
});

describe('"None of these"', () => {
  it('goes to supervisors with the machines offered; a supervisor’s pick continues the report to the technician’s confirmation, and filing resolves the question', async () => {
    const bo = person('Bo');
    await e.post(textUpdate(bo, 'exhaust fan EF-1 is making a loud noise, urgent'));
    await e.waitForText(bo.id, /Which one/);
    await e.tap(bo, bo.id, /None of these/);
    await e.waitForText(bo.id, /passed it to a supervisor, who will pick the machine/);

    const root = await e.root(/Bo Tech needs the machine for a report: “exhaust fan EF-1 is making a loud noise, urgent”/);
    expect(shownText(root)).toMatch(/Offered: Exhaust Fan EF-1 · Hall A \(Stamping\), Exhaust Fan EF-1 · Hall B \(Assembly\), Exhaust Fan EF-1 · Roof/);
    await e.click(OMAR, root, /Roof/);

    await e.waitForText(bo.id, /^Omar Diaz \(supervisor\) picked the machine: Exhaust Fan EF-1/);
    const card = await e.waitForText(bo.id, /^New work order\nAsset: Exhaust Fan EF-1 · .*Roof\nPriority: High/);
    expect(card.text).toMatch(/Title: EF-1 making a loud noise/);
    await until(() => /Omar Diaz picked Exhaust Fan EF-1/.test(shownText(e.current(root))), 8_000, 'the card shows the pick');

    await e.tap(bo, bo.id, /Create/);
    const filed = await e.waitForText(bo.id, /^Filed WO\d{6}/);
    const customId = /WO\d{6}/.exec(filed.text!)![0];
    const wo = [...e.atlas.state.workOrders.values()].find((w) => w.customId === customId)!;
    expect(wo.assetId).toBe(e.atlas.store.assets.find((a) => a.id === wo.assetId)?.id);
    await e.reply(root, new RegExp(`Filed as ${customId}; it has a thread of its own`));
    await until(() => /Filed as/.test(shownText(e.current(root))), 8_000, 'the question resolved');
    await e.root(new RegExp(`${customId} · EF-1 making a loud noise`));
  });

  it('a supervisor can find the machine with /rivet find and pick it from the result', async () => {
    const di = person('Di');
    await e.post(textUpdate(di, 'exhaust fan EF-1 is rattling'));
    await e.waitForText(di.id, /Which one/);
    await e.tap(di, di.id, /None of these/);
    await e.root(/Di Tech needs the machine/);
    await e.command(MARIA, 'find exhaust fan ef-1 hall a');
    const found = await e.note(MARIA, /Machines matching “exhaust fan ef-1 hall a”/);
    await e.click(MARIA, found, /Use for Di: Exhaust Fan EF-1 · .*Hall A/);
    await e.waitForText(di.id, /^Maria Lopez \(supervisor\) picked the machine: Exhaust Fan EF-1 · .*Hall A/);
    await e.waitForText(di.id, /^New work order\nAsset: Exhaust Fan EF-1 · .*Hall A/);
  });
});

describe('a parked job’s question', () => {
  it('can be answered from Slack; the job resumes with the answer', async () => {
    const eve = person('Eve');
    await e.post(textUpdate(eve, 'Pump P-502 rinse pump making noise'));
    await e.waitForText(eve.id, /New work order/);
    const conv = (await e.tdb.repos.conversations.findOpen('telegram', String(eve.id)))!;
    const { questionId } = await e.rivet.jobs.questions.ask({
      organizationId: e.rivet.organization.id,
      conversationId: conv.id,
      to: { channel: 'telegram', chatId: String(eve.id) },
      audience: 'supervisor',
      requesterName: 'Eve Tech',
      question: 'Eve wants to stop line 2 for the repair. Allow it?',
      choices: ['Yes, stop it', 'No, wait for the night shift'],
      resume: { jobId: `send.decision-${conv.id}`, organizationId: e.rivet.organization.id, queue: 'outbound', name: 'send', priority: 1, payload: { message: { idempotencyKey: `decision-${conv.id}`, to: { channel: 'telegram', chatId: String(eve.id) }, text: 'Your supervisor decided about line 2.' }, organizationId: e.rivet.organization.id } },
    });
    const root = await e.root(/A job needs a decision for Eve Tech: Eve wants to stop line 2/);
    await e.click(MARIA, root, /No, wait for the night shift/);
    await e.waitForText(eve.id, /Your supervisor decided about line 2/);
    await until(() => /Maria Lopez answered: No, wait for the night shift/.test(shownText(e.current(root))), 8_000, 'the card shows the answer');
    const row = await e.tdb.database.db.execute(`select answer from pending_questions where id = '${questionId}'` as never);
    expect((row as unknown as { rows: { answer: { answer: string } }[] }).rows[0]?.answer.answer).toBe('No, wait for the night shift');
  });
});
