/**
 * Slack requests of one conversation are handled one after another in this process (a message
 * and the tap that follows it must not overtake each other); different conversations run in
 * parallel. Across processes the conversation's version check (and, for supervisors, the
 * threads' compare-and-set) keeps state consistent.
 */
import type { Logger } from 'pino';

type Processor = (payload: unknown, ctx: { jobId: string; logger: Logger }) => Promise<void>;

type Body = {
  event?: { channel?: unknown; thread_ts?: unknown; ts?: unknown };
  channel?: { id?: unknown };
  channel_id?: unknown;
  container?: { thread_ts?: unknown; message_ts?: unknown };
  message?: { thread_ts?: unknown; ts?: unknown };
};
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * The conversation a stored request belongs to: a direct message's channel (its messages and taps
 * in order), or, in a channel, one thread (threads of the oversight channel run side by side).
 */
export function conversationOf(body: unknown): string | null {
  const b = body as Body | null;
  if (!b || typeof b !== 'object') return null;
  const channel = str(b.event?.channel) ?? str(b.channel?.id) ?? str(b.channel_id);
  if (!channel || channel.startsWith('D')) return channel;
  const thread = str(b.event?.thread_ts) ?? str(b.event?.ts) ?? str(b.container?.thread_ts) ?? str(b.message?.thread_ts) ?? str(b.container?.message_ts) ?? str(b.message?.ts);
  return thread ? `${channel}/${thread}` : channel;
}

export function serializePerConversation(process: Processor): Processor {
  const tails = new Map<string, Promise<void>>();
  return async (payload, ctx) => {
    const key = conversationOf(payload);
    if (key === null) return process(payload, ctx);
    const run = (tails.get(key) ?? Promise.resolve()).catch(() => {}).then(() => process(payload, ctx));
    const tail = run.catch(() => {});
    tails.set(key, tail);
    try {
      await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
