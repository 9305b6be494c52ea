/**
 * Carries out what the flow decided through the JobDispatcher: durable commands to the job
 * pipeline, replies to the outbound queue. Commands go first so that a report is never lost
 * to a failed reply; every key derives from the inbound event, so a redelivery acts once.
 */
import type { ChatAddress, JobDispatcher, Logger } from '../ports.js';
import { currentLanguage } from '../texts/index.js';
import type { FlowCommand, Reply } from './types.js';

/** Who asked, where, and which event caused it. */
export interface Sender {
  organizationId: string;
  personId: string;
  /**
   * Who they are by Rivet's own record (core/access/attribution.ts), shown on comments Rivet adds
   * on their behalf: never a display name they chose.
   */
  attribution: string;
  chat: ChatAddress;
  conversationId: string;
  eventKey: string;
}

export async function runCommands(dispatcher: JobDispatcher, s: Sender, commands: FlowCommand[], log: Logger): Promise<void> {
  for (const c of commands) {
    const base = { idempotencyKey: c.idempotencyKey, organizationId: s.organizationId, requesterId: s.personId, chat: s.chat, language: currentLanguage() };
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
          ...(c.approval ? { approval: 'supervisor' as const } : {}),
        });
        break;
      case 'change_status':
        await dispatcher.changeStatus({ ...base, workOrderId: c.workOrder.id, status: c.status, note: c.note });
        break;
      case 'add_comment':
        await dispatcher.addComment({
          ...base,
          workOrderId: c.workOrder.id,
          authorName: s.attribution,
          text: c.text,
          ...(c.attachments.length ? { attachments: c.attachments } : {}),
        });
        break;
    }
    log.info({ command: c.type, key: c.idempotencyKey }, 'command dispatched');
  }
}

/**
 * Queues replies keyed `<event key>:<prefix>r<n>`. A reply marked `edit` replaces the message
 * whose button was tapped (`editMessageId`), when there is one.
 */
export async function sendReplies(dispatcher: JobDispatcher, s: Sender, replies: Reply[], editMessageId: string | null, keyPrefix = ''): Promise<void> {
  let i = 0;
  for (const r of replies) {
    await dispatcher.send({
      idempotencyKey: `${s.eventKey}:${keyPrefix}r${i++}`,
      to: s.chat,
      text: r.text,
      ...(r.buttons ? { buttons: r.buttons } : {}),
      editMessageId: r.edit && editMessageId !== null ? editMessageId : null,
      conversationId: s.conversationId,
      kind: 'response',
    });
  }
}
