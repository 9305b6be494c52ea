import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSystem } from '../../src/jobs/index.js';
import { sendEntryFor } from './entries-helper.js';
import { RecordingTransport, report, settled, startRecordingSystem, waitFor, type Harness , describeEachRunner } from './helpers.js';

describeEachRunner('%s runner', (mode) => {
  let h: Harness;
  let chat: RecordingTransport;
  let jobs: JobSystem;

  beforeAll(async () => {
    ({ h, chat, jobs } = await startRecordingSystem({ options: { technicianQuestionTtlMs: 60_000 } }, { mode }));
  });
  afterAll(async () => {
    await h?.close();
  });

  const buttonsOf = (chatId: string) => chat.sent.filter((m) => m.to.chatId === chatId && m.buttons).at(-1)?.buttons?.flat() ?? [];

  describe('worker questions', () => {
    it('an asset gone from Atlas: the job parks, asks with buttons, and resumes with the answer', async () => {
      const cmd = report(h, { assetId: 999_999, chat: { channel: 'telegram', chatId: '1001' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      const question = await waitFor('question', () => chat.sent.find((m) => m.to.chatId === '1001' && m.buttons));
      expect(question.text).toContain('asset #999999');
      const [fileIt] = buttonsOf('1001');
      expect(fileIt!.text).toBe('File without the asset');
      expect(Buffer.byteLength(fileIt!.data)).toBeLessThanOrEqual(64);
      expect(await jobs.questions.answerButton({ data: fileIt!.data, answeredBy: 'ana' })).toBe('resumed');
      const filed = await waitFor('filed', () => chat.texts('1001').find((t) => t.startsWith('Filed')));
      expect(filed).toContain('(filed without the asset)');
      const link = await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey);
      expect(link?.assetId).toBeNull();
      expect(await jobs.questions.answerButton({ data: fileIt!.data, answeredBy: 'ana' })).toBe('already_answered');
    });

    it('cancel: nothing is filed', async () => {
      const cmd = report(h, { assetId: 999_998, chat: { channel: 'telegram', chatId: '1002' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('question', () => buttonsOf('1002').length > 0);
      const cancel = buttonsOf('1002')[1]!;
      expect(await jobs.questions.answerButton({ data: cancel.data, answeredBy: 'ana' })).toBe('resumed');
      const text = await waitFor('cancelled', () => chat.texts('1002').find((t) => t.includes('Cancelled')));
      expect(text).toContain('nothing was filed');
      expect(await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey)).toBeNull();
    });

    it('unanswered questions expire with a notice; a late answer is refused', async () => {
      const { questionId } = await jobs.questions.ask({
        organizationId: h.organizationId,
        conversationId: null,
        to: { channel: 'telegram', chatId: '1003' },
        audience: 'technician',
        question: 'Which pump, P-301 or P-302?',
        choices: ['P-301', 'P-302'],
        ttlMs: 300,
        resume: sendEntryFor(h.organizationId, '1003', 'resumed-1003'),
      });
      await waitFor('asked', () => chat.texts('1003')[0]);
      const notice = await waitFor('expiry notice', () => chat.texts('1003')[1]);
      expect(notice).toContain('No answer within');
      expect(notice).toContain('Which pump');
      expect(await jobs.questions.answer({ questionId, answer: 'P-301', answeredBy: 'ana' })).toBe('expired');
      await settled(h, jobs);
      expect(chat.texts('1003')).toHaveLength(2);
    });

    it('a supervisor question goes through oversight when it is delivered there, and resumes the same way', async () => {
      const asked: string[] = [];
      const sup = h.system({
        transports: { telegram: chat },
        oversight: { mirror: async () => {}, askSupervisor: async (q) => { asked.push(q.text); return { delivered: true }; } },
      });
      const conv = await h.tdb.repos.conversations.open({ organizationId: h.organizationId, channel: 'telegram', chatId: '1004', userId: h.userId, now: new Date() });
      const { questionId } = await sup.questions.ask({
        organizationId: h.organizationId,
        conversationId: conv.conversation.id,
        to: { channel: 'telegram', chatId: '1004' },
        audience: 'supervisor',
        question: 'Approve the overtime?',
        resume: sendEntryFor(h.organizationId, '1004', 'approved-1004'),
      });
      expect(asked).toEqual(['Approve the overtime?']);
      expect(await sup.questions.answer({ questionId, answer: 'yes', answeredBy: 'boss' })).toBe('resumed');
      await waitFor('resumed job ran', () => chat.texts('1004').includes('resumed approved-1004'));
      expect(await sup.questions.answer({ questionId: 'not-a-uuid', answer: 'x', answeredBy: 'y' })).toBe('unknown');
      expect(await sup.questions.answer({ questionId: '00000000-0000-4000-8000-000000000000', answer: 'x', answeredBy: 'y' })).toBe('unknown');
    });
  });
});
