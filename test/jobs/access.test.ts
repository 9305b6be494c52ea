/**
 * Who may do what, on the job side: a requester hears when someone else changed their work order,
 * and a report whose plan wants approval waits for a supervisor (real PostgreSQL, Redis, fake Atlas).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, report, settled, startRecordingSystem, waitFor, type Harness } from './helpers.js';
import { describeWith } from '../helpers/services.js';

let h: Harness;
let chat: RecordingTransport;
let jobs: JobSystem;

beforeAll(async () => {
  ({ h, chat, jobs } = await startRecordingSystem());
});
afterAll(async () => {
  await h?.close();
});

const chatOf = (chatId: string) => ({ channel: 'telegram' as const, chatId });

describeWith(['postgres', 'redis'], 'telling the requester', () => {
  it('a status change or comment by someone else reaches the requester, naming who by Rivet’s record; their own does not', async () => {
    const cmd = report(h, { chat: chatOf('3001') });
    await jobs.dispatcher.createWorkOrder(cmd);
    const filed = await waitFor('filed', () => chat.texts('3001').find((t) => t.startsWith('Filed')));
    const customId = /WO\d{6}/.exec(filed)![0];
    const link = await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey);
    const bo = await h.tdb.repos.users.create({ organizationId: h.organizationId, telegramId: 3002, telegramUsername: 'bo_t', displayName: 'Plant_Manager', crew: 'Boiler crew' });

    await jobs.dispatcher.changeStatus({ idempotencyKey: 'st:bo:1', organizationId: h.organizationId, requesterId: bo.id, chat: chatOf('3002'), workOrderId: link!.atlasWorkOrderId, status: 'COMPLETE' });
    await jobs.dispatcher.addComment({ idempotencyKey: 'cm:bo:1', organizationId: h.organizationId, requesterId: bo.id, chat: chatOf('3002'), workOrderId: link!.atlasWorkOrderId, authorName: 'Telegram user 3002 @bo_t', text: 'closed it, seal replaced' });
    await waitFor('told', () => chat.texts('3001').length >= 3);
    await settled(h, jobs);
    // Two jobs, run side by side: in either order.
    expect(chat.texts('3001').slice(1).sort()).toEqual([
      `${customId} is now COMPLETE (changed by Telegram user 3002 @bo_t).`,
      `Telegram user 3002 @bo_t commented on ${customId}: “closed it, seal replaced”`,
    ].sort());
    expect(chat.texts('3002').sort()).toEqual([`${customId} is now COMPLETE`, `Added your comment to ${customId}.`].sort());
    const comment = h.atlasFake.state.comments.find((c) => c.workOrderId === link!.atlasWorkOrderId)!;
    expect(comment.content.split('\n')[0]).toBe('Telegram user 3002 @bo_t (chat): closed it, seal replaced');

    // The requester's own change is confirmed to them once, not "told" twice.
    await jobs.dispatcher.changeStatus({ idempotencyKey: 'st:ana:1', organizationId: h.organizationId, requesterId: h.userId, chat: chatOf('3001'), workOrderId: link!.atlasWorkOrderId, status: 'IN_PROGRESS' });
    await waitFor('confirmed', () => chat.texts('3001').includes(`${customId} is now IN_PROGRESS`));
    await settled(h, jobs);
    expect(chat.texts('3001')).toHaveLength(4);
  });
});

describeWith(['postgres', 'redis'], 'reports waiting for approval', () => {
  it('ask a supervisor (only supervisors may answer); approved → filed once, rejected → told, nothing filed', async () => {
    const sue = await h.tdb.repos.users.create({ organizationId: h.organizationId, telegramId: 3100, displayName: 'Sue Visor', email: 'sue@plant.test', role: 'supervisor' });
    const cmd = report(h, { chat: chatOf('3101'), title: 'Approve me: pump P-301 leaking', approval: 'supervisor' });
    await jobs.dispatcher.createWorkOrder(cmd);
    const question = await waitFor('question to the supervisor', () => chat.sent.find((m) => m.to.chatId === '3100' && m.buttons));
    expect(question.text).toMatch(/^Approve this report from .*“Approve me: pump P-301 leaking”/);
    const [approve, reject] = question.buttons!.flat();
    expect([approve!.text, reject!.text]).toEqual(['Approve and file', 'Reject']);
    expect(await jobs.questions.whoMayAnswer(approve!.data)).toEqual({ audience: 'supervisor', askedPersonId: null });
    expect([...h.atlasFake.state.workOrders.values()].some((w) => w.title === cmd.title)).toBe(false);

    expect(await jobs.questions.answerButton({ data: approve!.data, answeredBy: sue.id })).toBe('resumed');
    await waitFor('filed', () => chat.texts('3101').find((t) => t.startsWith('Filed')));
    await settled(h, jobs);
    expect(chat.texts('3101')).toEqual(['A supervisor approved “Approve me: pump P-301 leaking”. Filing it now.', expect.stringMatching(/^Filed WO\d{6} — Approve me/)]);
    expect([...h.atlasFake.state.workOrders.values()].filter((w) => w.title === cmd.title)).toHaveLength(1);

    const no = report(h, { chat: chatOf('3102'), title: 'Reject me', approval: 'supervisor' });
    await jobs.dispatcher.createWorkOrder(no);
    const q2 = await waitFor('second question', () => chat.sent.filter((m) => m.to.chatId === '3100' && m.buttons)[1]);
    expect(await jobs.questions.answerButton({ data: q2.buttons!.flat()[1]!.data, answeredBy: sue.id })).toBe('resumed');
    await waitFor('told', () => chat.texts('3102')[0]);
    await settled(h, jobs);
    expect(chat.texts('3102')).toEqual(['A supervisor did not approve “Reject me”, so it was not filed. Ask your supervisor if you think it should be.']);
    expect([...h.atlasFake.state.workOrders.values()].some((w) => w.title === 'Reject me')).toBe(false);
  });

  it('a technician’s question records whom it asked', async () => {
    const cmd = report(h, { assetId: 999_997, chat: chatOf('3201') });
    await jobs.dispatcher.createWorkOrder(cmd);
    const question = await waitFor('question', () => chat.sent.find((m) => m.to.chatId === '3201' && m.buttons));
    expect(await jobs.questions.whoMayAnswer(question.buttons!.flat()[0]!.data)).toEqual({ audience: 'technician', askedPersonId: h.userId });
    expect(await jobs.questions.whoMayAnswer('q:not-a-question:0')).toBeNull();
  });
});
