/**
 * Updates of one chat are handled one after another in this process (a text and the tap that
 * follows it must not overtake each other); different chats run in parallel. Across processes
 * the conversation's version check keeps state consistent.
 */
import type { Logger } from 'pino';

type Processor = (payload: unknown, ctx: { jobId: string; logger: Logger }) => Promise<void>;

export function chatIdOf(update: unknown): string | null {
  const u = update as Record<string, { chat?: { id?: unknown }; message?: { chat?: { id?: unknown } }; from?: { id?: unknown } } | undefined> | null;
  if (!u || typeof u !== 'object') return null;
  const id = u.message?.chat?.id ?? u.callback_query?.message?.chat?.id ?? u.callback_query?.from?.id ?? u.edited_message?.chat?.id;
  return typeof id === 'number' ? String(id) : null;
}

export function serializePerChat(process: Processor): Processor {
  const tails = new Map<string, Promise<void>>();
  return async (payload, ctx) => {
    const key = chatIdOf(payload);
    if (key === null) return process(payload, ctx);
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.catch(() => {}).then(() => process(payload, ctx));
    const tail = run.catch(() => {});
    tails.set(key, tail);
    try {
      await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
