/** The Slack transport against the fake Slack Web API: threads, updates, notes, and Slack's refusals sorted for the job pipeline. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { createSlackTransport, slackClientOptions, ThreadNotReadyError } from '../../../src/bots/slack/index.js';
import { PermanentSendError, RateLimitedError, type ChatTransport } from '../../../src/core/ports.js';
import { startFakeSlack, shownText, type FakeSlack } from '../../fakes/slack/index.js';
import { memoryLogger } from '../../helpers/logger.js';

let slack: FakeSlack;
let transport: ChatTransport;
const roots = new Map<string, { chatId: string; messageId: string }>();
beforeAll(async () => {
  slack = await startFakeSlack();
  const client = new WebClient(slack.token, slackClientOptions(slack.apiUrl, memoryLogger('silent').logger));
  transport = createSlackTransport({
    client,
    threads: { rootOf: async (id) => roots.get(id) ?? null, rootPosted: async (id, at) => void (roots.has(id) || roots.set(id, at)) },
  });
});
afterAll(() => slack?.close());

const to = { channel: 'slack' as const, chatId: 'C0OVER' };

describe('Slack transport', () => {
  it('posts a thread’s first message once, refreshes it in place, and puts lines under it; a line before its first message waits', async () => {
    await expect(transport.send({ idempotencyKey: 'l0', to, text: 'too early', extras: { thread: { id: 't1' } } })).rejects.toBeInstanceOf(ThreadNotReadyError);
    const first = await transport.send({ idempotencyKey: 'r0', to, text: 'Card v1', extras: { thread: { id: 't1', root: true } } });
    expect(roots.get('t1')).toEqual({ chatId: 'C0OVER', messageId: first.messageId });
    const again = await transport.send({ idempotencyKey: 'r1', to, text: 'Card v2', extras: { thread: { id: 't1', root: true } } });
    expect(again.messageId).toBe(first.messageId);
    await transport.send({ idempotencyKey: 'l1', to, text: 'a line', extras: { thread: { id: 't1' }, broadcast: true } });
    expect(slack.roots('C0OVER').map(shownText)).toEqual(['Card v2']);
    expect(slack.messages('C0OVER', { thread: first.messageId }).map((m) => [shownText(m), m.reply_broadcast])).toEqual([['a line', true]]);
  });

  it('edits a tapped message, or says it anew when it cannot be edited; notes go to one person', async () => {
    const sent = await transport.send({ idempotencyKey: 'd1', to: { channel: 'slack', chatId: 'D0SAM' }, text: 'Which one?', buttons: [[{ text: 'A', data: 'a:1' }]] });
    await transport.send({ idempotencyKey: 'd2', to: { channel: 'slack', chatId: 'D0SAM' }, text: 'New work order', editMessageId: sent.messageId });
    await transport.send({ idempotencyKey: 'd3', to: { channel: 'slack', chatId: 'D0SAM' }, text: 'Filed', editMessageId: '1.000000' });
    expect(slack.messages('D0SAM').map(shownText)).toEqual(['New work order', 'Filed']);
    await transport.send({ idempotencyKey: 'n1', to: { channel: 'slack', chatId: 'D0SAM' }, text: 'out of date', extras: { ephemeralTo: 'U0SAM' } });
    expect(slack.ephemerals('D0SAM', 'U0SAM').map(shownText)).toEqual(['out of date']);
  });

  it('turns 429 into a wait of Retry-After, and refusals that cannot change into permanent failures', async () => {
    slack.failNext429(7, 'chat.postMessage');
    const limited = await transport.send({ idempotencyKey: 'x1', to, text: 'hi' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterS).toBe(7);
    slack.failNext('not_in_channel', 'chat.postMessage');
    await expect(transport.send({ idempotencyKey: 'x2', to, text: 'hi' })).rejects.toBeInstanceOf(PermanentSendError);
    slack.failNext('internal_error', 'chat.postMessage');
    const transient = await transport.send({ idempotencyKey: 'x3', to, text: 'hi' }).catch((e: unknown) => e);
    expect(transient).not.toBeInstanceOf(PermanentSendError);
    expect(transient).not.toBeInstanceOf(RateLimitedError);
  });
});
