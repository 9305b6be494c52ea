/**
 * What supervisors' actions say about Rivet's understanding (core/observe): a changed priority on
 * a work order Rivet filed, the machine chosen for a handed-over report, the first answer to a
 * question Rivet could not answer. Recorded once per cause; a failure is logged, never shown.
 */
import type { Draft } from '../conversation/types.js';
import type { HumanFeedback } from '../observe/index.js';
import type { Priority } from '../model.js';
import type { Logger } from '../ports.js';
import type { OversightDeps } from './deps.js';
import type { OversightThread, Supervisor } from './model.js';

/** The inbound event a question thread was opened by: the flow opens them with the message's event key (`ask/<key>`). */
export function eventKeyOfQuestion(thread: OversightThread): string | null {
  const openedBy = thread.openedBy ?? null;
  if (thread.kind !== 'question' || !openedBy?.startsWith('ask/') || openedBy.startsWith('ask/q/')) return null;
  return openedBy.slice('ask/'.length) || null;
}

async function record(deps: OversightDeps, f: Omit<HumanFeedback, 'organizationId' | 'source'>, log: Logger): Promise<void> {
  if (!deps.observer) return;
  await deps.observer.feedback({ ...f, source: 'supervisor', organizationId: deps.organizationId }).catch((err: Error) => {
    log.warn({ err: err.message, kind: f.kind }, 'supervisor feedback could not be recorded');
  });
}

export function priorityChanged(deps: OversightDeps, thread: OversightThread, sup: Supervisor, priority: Priority, key: string, log: Logger): Promise<void> {
  const before = thread.card.workOrder?.priority ?? thread.priority;
  if (thread.workOrderId === null || before === priority) return Promise.resolve();
  return record(deps, { key: `fb/supervisor_priority/${key}`, kind: 'supervisor_priority', personId: sup.personId, about: { workOrderId: thread.workOrderId }, score: 0, said: null, corrected: { priority } }, log);
}

export function machineChosen(deps: OversightDeps, thread: OversightThread, sup: Supervisor, asset: { id: number; label: string } | null, key: string, log: Logger): Promise<void> {
  const said = (thread.report as Draft | null)?.said ?? null;
  const eventKey = said?.eventKey ?? eventKeyOfQuestion(thread);
  if (!eventKey) return Promise.resolve();
  const first = said?.candidates[0]?.id;
  return record(deps, {
    key: `fb/supervisor_asset/${key}`, kind: 'supervisor_asset', personId: sup.personId, about: { eventKey },
    score: asset !== null && asset.id === first ? 1 : 0, said, corrected: { assetId: asset?.id ?? null, assetLabel: asset?.label ?? null },
  }, log);
}

/** The first answer in a question thread Rivet opened for a message: 0 when it had not understood it, 1 when it rightly asked. */
export function questionAnswered(deps: OversightDeps, thread: OversightThread, sup: Supervisor, answer: string, log: Logger): Promise<void> {
  const eventKey = eventKeyOfQuestion(thread);
  if (!eventKey || (thread.topic !== 'question' && thread.topic !== 'not_understood')) return Promise.resolve();
  return record(deps, {
    key: `fb/supervisor_answer/${thread.id}`, kind: 'supervisor_answer', personId: sup.personId, about: { eventKey },
    score: thread.topic === 'not_understood' ? 0 : 1, said: null, corrected: { answer: answer.slice(0, 2_000) },
  }, log);
}
