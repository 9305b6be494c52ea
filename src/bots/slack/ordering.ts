/**
 * Slack requests of one conversation are handled one after another in this process (a message
 * and the tap that follows it must not overtake each other); different conversations run in
 * parallel. Across processes the conversation's version check keeps state consistent.
 */
import type { Logger } from 'pino';

type Processor = (payload: unknown, ctx: { jobId: string; logger: Logger }) => Promise<void>;

/** The Slack channel (DM or oversight channel) a stored request belongs to. */
export function conversationOf(body: unknown): string | null {
  const b = body as { event?: { channel?: unknown }; channel?: { id?: unknown }; channel_id?: unknown } | null;
  if (!b || typeof b !== 'object') return null;
  const id = b.event?.channel ?? b.channel?.id ?? b.channel_id;
  return typeof id === 'string' ? id : null;
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
