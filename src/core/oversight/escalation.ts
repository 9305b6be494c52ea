/**
 * Escalation: a HIGH-priority report (a work order's thread, or a report waiting for its machine)
 * that no supervisor has touched within the configured minutes is posted again, in its thread and
 * in the channel, alerting the configured group when there is one. `isDue` is the rule; `runDue`
 * is what a periodic job calls (src/jobs/index.ts, the "periodic" hook).
 */
import { lineMessage } from './cards.js';
import type { OversightDeps } from './deps.js';
import type { OversightThread } from './model.js';
import { ot } from './texts.js';

export function isDue(t: OversightThread, now: Date, minutes: number): boolean {
  if (t.priority !== 'HIGH' || t.touchedAt || t.escalatedAt || t.resolvedAt || !t.rootMessageId) return false;
  if (t.card.workOrder?.status === 'COMPLETE') return false;
  return now.getTime() - t.createdAt.getTime() >= minutes * 60_000;
}

export interface Escalation {
  /** Posts every due report again; returns how many. */
  runDue(): Promise<number>;
}

export function createEscalation(deps: Pick<OversightDeps, 'threads' | 'dispatcher' | 'clock' | 'logger' | 'channel' | 'escalation'>): Escalation {
  const log = deps.logger.child({ component: 'escalation' });
  const { minutes, alert } = deps.escalation;
  return {
    async runDue() {
      const now = deps.clock.now();
      let posted = 0;
      for (const t of await deps.threads.untouched(new Date(now.getTime() - minutes * 60_000), 50)) {
        if (!isDue(t, now, minutes) || !(await deps.threads.markEscalated(t.id, now))) continue;
        const wo = t.card.workOrder;
        const text = ot.escalation(wo?.customId ?? null, wo?.title ?? t.card.question ?? '', t.card.requester, minutes);
        await deps.dispatcher.send(lineMessage(t, deps.channel, text, `ov/${t.id}/escalated`, { broadcast: true, alert }));
        await deps.threads.change(t.id, { card: { escalated: true } });
        posted++;
        log.info({ threadId: t.id, workOrderId: t.workOrderId }, 'untouched HIGH report escalated');
      }
      return posted;
    },
  };
}
