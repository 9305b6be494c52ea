/**
 * Carries out what the flow decided: durable commands to the job pipeline, replies through the
 * outbound queue. Commands go first so that a report is never lost to a failed reply.
 */
import type { Logger } from 'pino';
import type { ChatAddress, JobDispatcher } from '../../core/ports.js';
import type { FlowCommand, Reply } from '../../core/conversation/index.js';
import type { User } from '../../db/repositories/users.js';

export interface Sender {
  organizationId: string;
  user: User;
  chat: ChatAddress;
  conversationId: string;
  eventKey: string;
}

export const displayName = (u: User) => u.displayName ?? u.telegramUsername ?? 'Technician';

export async function runCommands(dispatcher: JobDispatcher, s: Sender, commands: FlowCommand[], log: Logger): Promise<void> {
  for (const c of commands) {
    const base = { idempotencyKey: c.idempotencyKey, organizationId: s.organizationId, requesterId: s.user.id, chat: s.chat };
    switch (c.type) {
      case 'create_work_order':
        await dispatcher.createWorkOrder({
          ...base,
          conversationId: s.conversationId,
          title: c.draft.title,
          description: c.draft.description || c.draft.text,
          priority: c.draft.priority,
          assetId: c.draft.assetId,
          locationId: c.draft.locationId,
          ...(c.draft.attachments.length ? { attachments: c.draft.attachments } : {}),
        });
        break;
      case 'change_status':
        await dispatcher.changeStatus({ ...base, workOrderId: c.workOrder.id, status: c.status, note: c.note });
        break;
      case 'add_comment':
        await dispatcher.addComment({
          ...base,
          workOrderId: c.workOrder.id,
          authorName: displayName(s.user),
          text: c.text,
          ...(c.attachments.length ? { attachments: c.attachments } : {}),
        });
        break;
    }
    log.info({ command: c.type, key: c.idempotencyKey }, 'command dispatched');
  }
}

export async function sendReplies(dispatcher: JobDispatcher, s: Sender, replies: Reply[], editMessageId: number | undefined, keyPrefix = ''): Promise<void> {
  let i = 0;
  for (const r of replies) {
    await dispatcher.send({
      idempotencyKey: `${s.eventKey}:${keyPrefix}r${i++}`,
      to: s.chat,
      text: r.text,
      ...(r.buttons ? { buttons: r.buttons } : {}),
      editMessageId: r.edit && editMessageId !== undefined ? String(editMessageId) : null,
      conversationId: s.conversationId,
      kind: 'response',
    });
  }
}
