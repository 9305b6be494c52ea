/** Messages to chats, on both runners: per-chat rate limits, 429 waits, permanent refusals, once per key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentSendError, RateLimitedError, type OutboundMessage } from '../../src/core/ports.js';
import { eq } from 'drizzle-orm';
import { messages } from '../../src/db/schema.js';
import type { JobSystem } from '../../src/jobs/index.js';
import { finishedJob, finishedRow, RecordingTransport, settled, startHarness, waitFor, type Harness , describeEachRunner } from './helpers.js';

const LIMITS = { privateChatMs: 150, groupChatMs: 350, slackChannelMs: 150, globalMs: 2 };

const msg = (chatId: string, key: string, over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  idempotencyKey: key,
  to: { channel: 'telegram', chatId },
  text: `hello ${key}`,
  ...over,
});

describeEachRunner('outbound messages (%s runner)', (mode) => {
  let h: Harness;
  let tg: RecordingTransport;
  let slack: RecordingTransport;
  let jobs: JobSystem;

  beforeAll(async () => {
    h = await startHarness({ mode });
    tg = new RecordingTransport();
    slack = new RecordingTransport();
    jobs = h.system({
      transports: { telegram: tg, slack },
      options: { rateLimits: LIMITS, claimLeaseMs: 60_000 },
    });
    await jobs.startWorkers();
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('outbound messages', () => {
    it('spaces messages per chat (groups slower than private chats) but not across chats', async () => {
      const P = 5, G = 3, O = 8;
      for (let i = 0; i < P; i++) await jobs.dispatcher.send(msg('901', `p${i}`));
      for (let i = 0; i < G; i++) await jobs.dispatcher.send(msg('-100902', `g${i}`));
      for (let i = 0; i < O; i++) await jobs.dispatcher.send(msg(String(950 + i), `o${i}`));
      await waitFor('all sent', () => tg.sent.length === P + G + O, 20_000);
      const span = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
      const at = (chatId: string) => tg.sent.filter((m) => m.to.chatId === chatId).map((m) => m.at);
      // Slots are reserved in Redis; `at` is when the transport was called, which can only be later
      // than the slot. Only the first send being late can shorten a chat's span, by its own delay:
      // allow one interval for that (a starved event loop), so n sends span at least n-2 intervals.
      expect(span(at('901'))).toBeGreaterThanOrEqual((P - 2) * LIMITS.privateChatMs);
      expect(span(at('-100902'))).toBeGreaterThanOrEqual((G - 2) * LIMITS.groupChatMs);
      // Other chats are not held back by 901 or by each other: had they shared one chat's limit,
      // O sends would span at least O-1 intervals; independent, they go out together (slack for load).
      const others = tg.sent.filter((m) => m.to.chatId.startsWith('95')).map((m) => m.at);
      expect(span(others)).toBeLessThan((O - 1) * LIMITS.privateChatMs);
    });

    it('honours 429 retry_after without spending attempts, then sends once', async () => {
      tg.failNext(() => new RateLimitedError(1));
      const started = Date.now();
      await jobs.dispatcher.send(msg('903', 'rl1'));
      await waitFor('sent after the wait', () => tg.sent.find((m) => m.idempotencyKey === 'rl1'), 20_000);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(950);
      // Held back by its own claim's lease it would take ≥ 60 s; 15 s is slack for a starved machine.
      expect(waited).toBeLessThan(15_000);
      // The send is seen before the job is finished: wait for that before reading attempts.
      // Waiting spent no attempt.
      expect(await finishedRow(h, 'send.rl1')).toMatchObject({ status: 'done', attempts: 0 });
      if (jobs.queues) {
        const job = await finishedJob(jobs.queues.outbound, 'send.rl1');
        expect(await job.getState()).toBe('completed');
        // attemptsMade counts finished attempts: the one that sent. Waiting spent none.
        expect(job.attemptsMade).toBe(1);
      }
      expect(tg.sent.filter((m) => m.idempotencyKey === 'rl1')).toHaveLength(1);
    });

    it('a permanent refusal fails at once, no retry', async () => {
      tg.failNext(() => new PermanentSendError('Forbidden: bot was blocked by the user'));
      await jobs.dispatcher.send(msg('904', 'blocked1'));
      expect(await finishedRow(h, 'send.blocked1')).toMatchObject({ status: 'failed', attempts: 0 });
      if (jobs.queues) {
        const job = await finishedJob(jobs.queues.outbound, 'send.blocked1');
        expect(await job.getState()).toBe('failed');
        expect(job.attemptsMade).toBe(1);
      }
      expect(tg.sent.some((m) => m.idempotencyKey === 'blocked1')).toBe(false);
    });

    it('a key already sent is not sent again, and sent messages are stored', async () => {
      await jobs.dispatcher.send(msg('905', 'once1'));
      await waitFor('sent', () => tg.sent.find((m) => m.idempotencyKey === 'once1'));
      await jobs.dispatcher.send(msg('905', 'once1'));
      await jobs.dispatcher.send(msg('905', 'once1', { text: 'a different text, same cause' }));
      await settled(h, jobs);
      expect(tg.sent.filter((m) => m.idempotencyKey === 'once1')).toHaveLength(1);
      // Stored once, too (the record is written after the row is marked sent: wait for it).
      await waitFor('stored', async () => {
        const rows = await h.tdb.database.db.select().from(messages).where(eq(messages.platformChatId, '905'));
        return rows.length === 1 && rows;
      });
    });

    it('Slack messages go through the Slack transport, with their thread', async () => {
      await jobs.dispatcher.send(msg('C123', 'sl1', { to: { channel: 'slack', chatId: 'C123', threadId: '1700000000.0001' } }));
      const sent = await waitFor('slack', () => slack.sent[0]);
      expect(sent.to).toEqual({ channel: 'slack', chatId: 'C123', threadId: '1700000000.0001' });
    });
  });
});
