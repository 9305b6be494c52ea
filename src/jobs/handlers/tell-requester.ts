/**
 * When someone other than the requester changes a work order's status or comments on it through
 * Rivet, the requester is told, in the chat they reported from (work_order_links.notify_*), with
 * who did it by Rivet's own record of them. Called with one line from work-order-updates.ts;
 * the notice's key derives from the command's, so a retried job tells them once.
 */
import { inLanguage, languageOfPerson } from '../../core/texts/index.js';
import { changedByOther, commentedByOther } from '../../core/notices.js';
import type { ChatAddress } from '../../core/ports.js';
import type { WorkOrderStatus } from '../../core/model.js';
import { toPerson } from '../../db/stores/people.js';
import { sendEntry } from '../entries.js';
import type { HandlerDeps } from './deps.js';

interface DoneBy {
  idempotencyKey: string;
  organizationId: string;
  /** The person who asked for the change. */
  requesterId: string;
  chat: ChatAddress;
  workOrderId: number;
}

export type Change = { kind: 'status'; status: WorkOrderStatus; customId: string } | { kind: 'comment'; text: string; customId: string };

export async function tellRequester(deps: Pick<HandlerDeps, 'repos' | 'enqueuer'>, cmd: DoneBy, change: Change): Promise<void> {
  const link = await deps.repos.workOrderLinks.byAtlasId(cmd.organizationId, cmd.workOrderId);
  if (!link?.requesterId || link.requesterId === cmd.requesterId || !link.notifyChannel || !link.notifyChatId) return;
  const to: ChatAddress = { channel: link.notifyChannel as ChatAddress['channel'], chatId: link.notifyChatId };
  // Asked in the chat the requester reported from (their crew's group): they saw it there.
  if (to.channel === cmd.chat.channel && to.chatId === cmd.chat.chatId) return;
  const actor = await deps.repos.users.get(cmd.requesterId);
  const by = actor ? toPerson(actor).attribution : 'someone';
  // In the requester's language, not the language of whoever made the change.
  const lang = languageOfPerson(await deps.repos.users.get(link.requesterId));
  const text = inLanguage(lang, () => (change.kind === 'status' ? changedByOther(change.customId, change.status, by) : commentedByOther(change.customId, by, change.text)));
  await deps.enqueuer.enqueue([sendEntry({ idempotencyKey: `${cmd.idempotencyKey}/requester`, to, text, conversationId: link.conversationId, kind: 'status' }, cmd.organizationId)]);
}
