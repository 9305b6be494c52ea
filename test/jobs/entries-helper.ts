import { sendEntry } from '../../src/jobs/entries.js';

/** A resume target for generic questions: a message whose text says the job resumed. */
export function sendEntryFor(organizationId: string, chatId: string, key: string) {
  return sendEntry({ idempotencyKey: key, to: { channel: 'telegram', chatId }, text: `resumed ${key}` }, organizationId);
}
