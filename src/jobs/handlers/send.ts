/**
 * Sends one message through the chat's transport, inside the per-chat rate limits. Waiting
 * (our limit or the platform's 429 retry_after) postpones the job without spending an attempt;
 * a permanent refusal fails at once. Each sent message is stored and mirrored.
 *
 * Chat messages are at-least-once: a worker killed after the platform said "ok" but before the
 * send was written down sends that message again on the next run. To keep that window as narrow
 * as it can be, the outbox row is marked done by one UPDATE right after `transport.send` returns
 * (a later run of the job sees 'done' and skips), and only then comes the bookkeeping (the
 * messages row, the oversight mirror). So at most the sends in flight at a crash — at most the
 * outbound concurrency — can go out twice, each at most once more.
 */
import { RateLimitedError } from '../../core/ports.js';
import { PermanentJobError } from '../errors.js';
import type { SendJob } from '../names.js';
import type { RateLimiter } from '../rate-limit.js';
import type { JobHandler } from '../runner.js';
import type { HandlerDeps, Transports } from './deps.js';

/** Waits shorter than this are slept in place; longer ones give the worker slot back. */
const SLEEP_BELOW_MS = 250;

export function sendHandler(
  deps: Pick<HandlerDeps, 'repos' | 'oversight' | 'logger'> & { transports: Transports; limiter: RateLimiter },
): JobHandler<SendJob> {
  return {
    async run({ message, organizationId }, ctx) {
      const transport = deps.transports[message.to.channel];
      if (!transport) throw new PermanentJobError({ kind: 'internal' }, `no transport for ${message.to.channel}`);
      for (;;) {
        const wait = await deps.limiter.reserve(message.to);
        if (wait === 0) break;
        if (wait >= SLEEP_BELOW_MS) await ctx.postpone(wait);
        await new Promise((r) => setTimeout(r, wait));
      }
      let messageId: string;
      try {
        ({ messageId } = await transport.send(message));
      } catch (e) {
        if (e instanceof RateLimitedError) {
          const ms = Math.max(1, e.retryAfterS) * 1000;
          ctx.logger.warn({ chatId: message.to.chatId, retryAfterS: e.retryAfterS }, 'platform rate limit; waiting');
          await deps.limiter.block(message.to, ms);
          await ctx.postpone(ms);
        }
        throw e; // PermanentSendError is classified permanent by the runner; anything else retries
      }
      // Sent is sent: write that down first (one UPDATE), before anything else can be in the way.
      // Should it fail, the runner marks the row done after the bookkeeping all the same.
      await ctx.markDone().catch((e: Error) => ctx.logger.error({ err: e.message }, 'sent, but marking it sent failed'));
      ctx.logger.debug({ chatId: message.to.chatId, messageId }, 'message sent');
      // A failure to record it must not make a retry send it again.
      if (organizationId) await afterSend(message, organizationId, messageId).catch((e: Error) => ctx.logger.error({ err: e.message }, 'sent, but recording it failed'));
    },
  };

  async function afterSend(message: SendJob['message'], organizationId: string, messageId: string): Promise<void> {
        await deps.repos.messages.add({
          organizationId,
          conversationId: message.conversationId ?? null,
          channel: message.to.channel,
          direction: 'out',
          senderType: 'bot',
          platformChatId: message.to.chatId,
          platformMessageId: messageId,
          kind: message.kind ?? 'response',
          text: message.text,
          payload: { idempotencyKey: message.idempotencyKey, ...(message.buttons ? { buttons: message.buttons } : {}) },
        });
        if (message.conversationId) {
          await deps.oversight.mirror({
            organizationId, conversationId: message.conversationId, sender: 'bot', text: message.text,
            key: message.idempotencyKey, kind: message.kind ?? 'response', ...(message.buttons ? { buttons: message.buttons } : {}),
          });
        }
  }
}
