/**
 * The ChatTransport port for Slack (the outbound job delivers through it): a message is posted,
 * an earlier one updated (`editMessageId`, or a supervisor thread's first message refreshed), or
 * shown to one person only (chat.postEphemeral). A supervisor thread is resolved to its first
 * message here; a line whose thread has no first message yet waits (the job retries). Slack's
 * refusals are sorted for the job pipeline: 429 waits Retry-After, a refusal that cannot change
 * (no such channel, not a member, bad blocks) is permanent, the rest is retried.
 */
import { WebAPIPlatformError, WebAPIRateLimitedError, type ChatPostMessageArguments, type WebClient } from '@slack/web-api';
import type { ThreadRoots } from '../../core/oversight/index.js';
import { PermanentSendError, RateLimitedError, type ChatTransport, type OutboundMessage } from '../../core/ports.js';
import { toBlocks } from './blocks.js';

/** Slack errors that the same request will always get. */
const PERMANENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'msg_too_long', 'no_text', 'invalid_blocks', 'invalid_blocks_format',
  'too_many_attachments', 'cant_update_message', 'message_not_found', 'edit_window_closed', 'user_not_in_channel', 'user_not_found',
  'restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel', 'cannot_reply_to_message',
  'invalid_arguments', 'channel_type_not_supported', 'messages_tab_disabled',
]);
/** An update that cannot be made is said as a new message instead. */
const NOT_UPDATABLE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

/** The thread's first message is not posted yet: try again shortly (a transient failure). */
export class ThreadNotReadyError extends Error {
  override readonly name = 'ThreadNotReadyError';
  constructor(readonly threadId: string) {
    super(`supervisor thread ${threadId} has no first message yet`);
  }
}

export function classifySlackError(err: unknown): unknown {
  if (err instanceof WebAPIRateLimitedError) return new RateLimitedError(err.retryAfter);
  if (err instanceof WebAPIPlatformError) {
    const code = String(err.data.error);
    if (code === 'ratelimited') return new RateLimitedError(1);
    if (PERMANENT.has(code)) return new PermanentSendError(`slack: ${code}`);
  }
  return err; // network trouble, 5xx, a revoked token an administrator can fix: retried by the job
}

const errorCode = (err: unknown) => (err instanceof WebAPIPlatformError ? String(err.data.error) : null);

export function createSlackTransport(deps: { client: WebClient; threads: ThreadRoots }): ChatTransport {
  const { client } = deps;

  async function post(channel: string, m: OutboundMessage, threadTs: string | null): Promise<string> {
    const { text, blocks } = toBlocks(m);
    const args = {
      channel, text, blocks, unfurl_links: false, unfurl_media: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(threadTs && m.extras?.broadcast ? { reply_broadcast: true } : {}),
    };
    const res = await client.chat.postMessage(args as ChatPostMessageArguments);
    if (!res.ts) throw new Error('slack: chat.postMessage answered without a ts');
    return res.ts;
  }

  async function update(channel: string, ts: string, m: OutboundMessage): Promise<boolean> {
    const { text, blocks } = toBlocks(m);
    try {
      await client.chat.update({ channel, ts, text, blocks });
      return true;
    } catch (err) {
      if (NOT_UPDATABLE.has(errorCode(err) ?? '')) return false;
      throw err;
    }
  }

  async function send(m: OutboundMessage): Promise<{ messageId: string }> {
    const x = m.extras ?? {};
    let channel = m.to.chatId;
    let threadTs = m.to.threadId ?? null;
    if (x.ephemeralTo) {
      const { text, blocks } = toBlocks(m);
      const res = await client.chat.postEphemeral({ channel, user: x.ephemeralTo, text, blocks, ...(threadTs ? { thread_ts: threadTs } : {}) });
      return { messageId: res.message_ts ?? `ephemeral:${m.idempotencyKey}` };
    }
    if (x.thread) {
      const root = await deps.threads.rootOf(x.thread.id);
      if (x.thread.root) {
        if (root && (await update(root.chatId, root.messageId, m))) return { messageId: root.messageId };
        if (root) return { messageId: root.messageId }; // gone from Slack: a second first message would split the thread
        const ts = await post(channel, m, null);
        await deps.threads.rootPosted(x.thread.id, { chatId: channel, messageId: ts });
        return { messageId: ts };
      }
      if (!root) throw new ThreadNotReadyError(x.thread.id);
      channel = root.chatId;
      threadTs = root.messageId;
    }
    if (m.editMessageId && (await update(channel, m.editMessageId, m))) return { messageId: m.editMessageId };
    return { messageId: await post(channel, m, threadTs) };
  }

  return {
    async send(message) {
      try {
        return await send(message);
      } catch (err) {
        throw classifySlackError(err);
      }
    },
  };
}
