/**
 * What the demo page sends, as the demo's "updates" (its Telegram Update / Slack event): written
 * to the inbound outbox by api/routes/demo.ts and read back by the adapter. A technician's chat is
 * private, so its id is the technician's own (as in Telegram); supervisors act in one channel.
 */
import { z } from 'zod';

/** Ids the page makes up (a session, a delivery): letters, digits and dashes. */
export const DEMO_ID = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes');
const MESSAGE_ID = z.string().regex(/^\d{1,12}$/);

/** The browser's language stands for the chat app's (Telegram's language_code). */
export const LANGUAGE_TAG = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$/);
const who = z.object({ id: DEMO_ID, name: z.string().trim().min(1).max(80), language: LANGUAGE_TAG.nullish() });

export const demoUpdate = z.discriminatedUnion('kind', [
  /** A technician typed a message (a "/command" included). */
  z.object({ kind: z.literal('text'), id: DEMO_ID, from: who, messageId: MESSAGE_ID, text: z.string().max(8192) }),
  /** A technician tapped one of the bot's buttons on message `messageId`. */
  z.object({ kind: z.literal('tap'), id: DEMO_ID, from: who, messageId: MESSAGE_ID, data: z.string().max(64), label: z.string().max(200).nullable() }),
  /** A technician sent a photo, held by the hub as `fileId` until the adapter fetches it. */
  z.object({ kind: z.literal('photo'), id: DEMO_ID, from: who, messageId: MESSAGE_ID, fileId: z.uuid(), caption: z.string().max(1024).nullable() }),
  /** A supervisor replied in the thread whose first message is `threadId`. */
  z.object({ kind: z.literal('reply'), id: DEMO_ID, from: who, messageId: MESSAGE_ID, threadId: MESSAGE_ID, text: z.string().max(8192) }),
  /** A supervisor used a control (button or menu option) on message `messageId`. */
  z.object({ kind: z.literal('control'), id: DEMO_ID, from: who, messageId: MESSAGE_ID, threadId: MESSAGE_ID.nullable(), data: z.string().max(2000), label: z.string().max(200).nullable() }),
]);
export type DemoUpdate = z.infer<typeof demoUpdate>;

/** Supervisors' updates are one conversation per thread; a technician's, one per chat. */
export function demoOrderingKey(payload: unknown): string | null {
  const u = demoUpdate.safeParse(payload);
  if (!u.success) return null;
  if (u.data.kind === 'reply') return `thread:${u.data.threadId}`;
  if (u.data.kind === 'control') return `thread:${u.data.threadId ?? u.data.messageId}`;
  return u.data.from.id;
}
