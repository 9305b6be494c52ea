import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentSendError, RateLimitedError, type OutboundMessage } from '../../src/core/ports.js';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, sleep, startHarness, waitFor, type Harness } from './helpers.js';

let h: Harness;
let tg: RecordingTransport;
let slack: RecordingTransport;
let jobs: JobSystem;

const msg = (chatId: string, key: string, over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  idempotencyKey: key,
  to: { channel: 'telegram', chatId },
  text: `hello ${key}`,
  ...over,
});

beforeAll(async () => {
  h = await startHarness();
  tg = new RecordingTransport();
  slack = new RecordingTransport();
  jobs = h.system({
    transports: { telegram: tg, slack },
    options: { rateLimits: { privateChatMs: 150, groupChatMs: 350, slackChannelMs: 150, globalMs: 2 }, claimLeaseMs: 60_000 },
  });
  await jobs.startWorkers();
});
afterAll(async () => {
  await h?.close();
});

describe('outbound messages', () => {
  it('spaces messages per chat (groups slower than private chats) but not across chats', async () => {
    for (let i = 0; i < 4; i++) await jobs.dispatcher.send(msg('901', `p${i}`));
    for (let i = 0; i < 3; i++) await jobs.dispatcher.send(msg('-100902', `g${i}`));
    for (let i = 0; i < 4; i++) await jobs.dispatcher.send(msg(String(950 + i), `o${i}`));
    await waitFor('all sent', () => tg.sent.length === 11, 10_000);
    const at = (chatId: string) => tg.sent.filter((m) => m.to.chatId === chatId).map((m) => m.at).sort((a, b) => a - b);
    const gaps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]!);
    for (const g of gaps(at('901'))) expect(g).toBeGreaterThanOrEqual(120);
    for (const g of gaps(at('-100902'))) expect(g).toBeGreaterThanOrEqual(300);
    const others = tg.sent.filter((m) => m.to.chatId.startsWith('95')).map((m) => m.at);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThan(400);
  });

  it('honours 429 retry_after without spending attempts, then sends once', async () => {
    tg.failNext(() => new RateLimitedError(1));
    const started = Date.now();
    await jobs.dispatcher.send(msg('903', 'rl1'));
    await waitFor('sent after the wait', () => tg.sent.find((m) => m.idempotencyKey === 'rl1'), 10_000);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(5_000); // not held back by its own claim's lease (60 s here)
    const job = await jobs.queues.outbound.getJob('send.rl1');
    // attemptsMade counts finished attempts: the one that sent. Waiting spent none.
    expect(job?.attemptsMade).toBe(1);
  });

  it('a permanent refusal fails at once, no retry', async () => {
    tg.failNext(() => new PermanentSendError('Forbidden: bot was blocked by the user'));
    await jobs.dispatcher.send(msg('904', 'blocked1'));
    await waitFor('failed', async () => (await jobs.queues.outbound.getJob('send.blocked1'))?.finishedOn);
    const job = await jobs.queues.outbound.getJob('send.blocked1');
    expect(await job!.getState()).toBe('failed');
    expect(job!.attemptsMade).toBe(1);
    expect(tg.sent.some((m) => m.idempotencyKey === 'blocked1')).toBe(false);
  });

  it('a key already sent is not sent again, and sent messages are stored', async () => {
    await jobs.dispatcher.send(msg('905', 'once1'));
    await waitFor('sent', () => tg.sent.find((m) => m.idempotencyKey === 'once1'));
    await jobs.dispatcher.send(msg('905', 'once1'));
    await jobs.dispatcher.send(msg('905', 'once1', { text: 'a different text, same cause' }));
    await sleep(400);
    expect(tg.sent.filter((m) => m.idempotencyKey === 'once1')).toHaveLength(1);
  });

  it('Slack messages go through the Slack transport, with their thread', async () => {
    await jobs.dispatcher.send(msg('C123', 'sl1', { to: { channel: 'slack', chatId: 'C123', threadId: '1700000000.0001' } }));
    const sent = await waitFor('slack', () => slack.sent[0]);
    expect(sent.to).toEqual({ channel: 'slack', chatId: 'C123', threadId: '1700000000.0001' });
  });
});
