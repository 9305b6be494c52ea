/**
 * A supervisor's change to a work order (priority, assignee, complete), run as a durable job:
 * made in Atlas, then shown on both sides (the thread's card and a line in it, and a note to the
 * technician). Every message is keyed by the edit, so a retried job says nothing twice.
 */
import type { WorkOrderSummary } from '../model.js';
import { lineMessage } from './cards.js';
import { sendRoot, type OversightDeps } from './deps.js';
import type { WorkOrderEdit } from './model.js';
import { ot, tt } from './texts.js';
import { inLanguage } from '../texts/index.js';

export interface WorkOrderEditor {
  /** Runs the edit; throws what Atlas threw (the job pipeline retries or gives up). */
  perform(edit: WorkOrderEdit): Promise<void>;
  /** The edit failed for good: the thread hears why. */
  failed(edit: WorkOrderEdit, why: string): Promise<void>;
}

const WHAT: Record<WorkOrderEdit['change']['kind'], string> = { priority: 'set the priority', assign: 'assign it', complete: 'mark it complete' };

export function createWorkOrderEditor(deps: OversightDeps): WorkOrderEditor {
  const log = deps.logger.child({ component: 'oversight-edits' });
  return {
    async perform(edit) {
      const thread = await deps.threads.get(edit.threadId);
      if (!thread?.card.workOrder) {
        log.warn({ threadId: edit.threadId }, 'edit for a thread that is gone; dropped');
        return;
      }
      if (!deps.atlas) throw new Error('Atlas is not configured');
      const c = edit.change;
      let wo: WorkOrderSummary;
      if (c.kind === 'priority') wo = await deps.atlas.setPriority(edit.workOrderId, c.priority);
      else if (c.kind === 'assign') wo = await deps.atlas.assign(edit.workOrderId, c.userId);
      else wo = await deps.atlas.complete(edit.workOrderId, null);
      const card = { ...thread.card.workOrder, title: wo.title, priority: wo.priority, status: wo.status, assignees: wo.assignees };
      const updated = await deps.threads.change(thread.id, { card: { workOrder: card }, priority: wo.priority });
      if (updated) await sendRoot(deps, updated, `${edit.key}/root`);
      const by = edit.by.name;
      const assignee = wo.assignees.at(-1) ?? 'nobody';
      const line = c.kind === 'priority' ? ot.prioritySet(by, wo.customId, wo.priority) : c.kind === 'assign' ? ot.assigned(by, wo.customId, assignee) : ot.completed(by, wo.customId);
      // The technician hears it in their own language.
      const lang = thread.personId ? await deps.people.language(thread.personId).catch(() => 'en' as const) : 'en';
      const tech = inLanguage(lang, () =>
        c.kind === 'priority' ? tt.techPriority(by, wo.customId, wo.priority) : c.kind === 'assign' ? tt.techAssigned(by, wo.customId, assignee) : tt.techCompleted(by, wo.customId));
      await deps.dispatcher.send(lineMessage(thread, deps.channel, line, `${edit.key}/line`));
      if (thread.techChat) await deps.dispatcher.send({ idempotencyKey: `${edit.key}/tech`, to: thread.techChat, text: tech, kind: 'status' });
      log.info({ workOrderId: edit.workOrderId, change: c.kind, by: edit.by.personId }, 'supervisor change made in Atlas');
    },

    async failed(edit, why) {
      const thread = await deps.threads.get(edit.threadId);
      if (!thread) return;
      await deps.dispatcher.send(lineMessage(thread, deps.channel, ot.editFailed(WHAT[edit.change.kind], why), `${edit.key}/failed`));
    },
  };
}
