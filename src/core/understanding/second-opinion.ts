/**
 * A second opinion on a message Rivet is unsure about, from a language model when one is
 * configured (src/integrations/llm). Core defines what is asked and how an answer is used; the
 * integration only carries it. The deterministic reading stays the fallback: no answer (off,
 * slow, down, invalid) changes nothing.
 *
 * How an answer is used, conservatively:
 * - the intent, priority, number and status are taken when the model gives them, and confidence
 *   rises to SECOND_OPINION_CONFIDENCE (above the "ask first" threshold) — still below the
 *   confidence of a clear deterministic reading;
 * - an asset is only ever one of the retrieval's candidates; it is put first among them, and the
 *   technician still confirms it: a model never turns "which one?" into a confident wrong asset.
 */
import { INTENTS, PRIORITIES, WORK_ORDER_STATUSES, type Intent, type Priority, type WorkOrderStatus } from '../model.js';
import { makeTitle } from './title.js';

/** Below this confidence a deterministic reading is worth a second opinion. */
export const SECOND_OPINION_BELOW = 0.7;
/** The confidence a reading has once a second opinion supports it. */
export const SECOND_OPINION_CONFIDENCE = 0.75;

export interface SecondOpinionRequest {
  text: string;
  /** The deterministic reading, for the model to confirm or correct. */
  first: { intent: Intent; priority: Priority | null; workOrderNumber: number | null; status: WorkOrderStatus | null; confidence: number };
  /** The only assets the model may choose among (the retrieval's candidates). */
  candidates: { id: number; label: string }[];
}

export interface SecondOpinion {
  intent: Intent;
  priority: Priority | null;
  workOrderNumber: number | null;
  status: WorkOrderStatus | null;
  assetId: number | null;
}

export interface SecondOpinionPort {
  /** The model's reading, or null when there is none to use (off, timed out, down, invalid). Never throws. */
  ask(req: SecondOpinionRequest): Promise<SecondOpinion | null>;
}

/** A model's answer, checked against what Rivet can use: unknown values and assets outside the candidates are dropped. */
export function checkOpinion(raw: unknown, candidateIds: readonly number[]): SecondOpinion | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const intent = typeof r.intent === 'string' && (INTENTS as readonly string[]).includes(r.intent) ? (r.intent as Intent) : null;
  if (!intent) return null;
  const priority = typeof r.priority === 'string' && (PRIORITIES as readonly string[]).includes(r.priority) ? (r.priority as Priority) : null;
  const status = typeof r.status === 'string' && (WORK_ORDER_STATUSES as readonly string[]).includes(r.status) ? (r.status as WorkOrderStatus) : null;
  const n = typeof r.workOrderNumber === 'number' && Number.isSafeInteger(r.workOrderNumber) && r.workOrderNumber > 0 ? r.workOrderNumber : null;
  const assetId = typeof r.assetId === 'number' && candidateIds.includes(r.assetId) ? r.assetId : null;
  return { intent, priority, workOrderNumber: n, status, assetId };
}

interface Reading {
  intent: Intent;
  confidence: number;
  priority: Priority | null;
  workOrderNumber: number | null;
  status: WorkOrderStatus | null;
  asset: { mention: string; resolution: { decision: 'resolved' | 'ambiguous' | 'not_found'; candidates: { asset: { id: number } }[] } | null } | null;
  title: string | null;
  description: string;
}

/** The deterministic reading with the second opinion folded in (see the rules above). */
export function withSecondOpinion<R extends Reading>(first: R, o: SecondOpinion): R {
  const next: R = { ...first, intent: o.intent, confidence: Math.max(first.confidence, SECOND_OPINION_CONFIDENCE) };
  next.workOrderNumber = o.workOrderNumber ?? first.workOrderNumber;
  next.status = o.intent === 'update_status' ? (o.status ?? first.status) : null;
  next.priority = o.intent === 'create_work_order' ? (o.priority ?? first.priority ?? 'MEDIUM') : null;
  next.title = o.intent === 'create_work_order' ? (first.title ?? makeTitle(first.description)) : null;
  const resolution = first.asset?.resolution;
  if (o.assetId !== null && resolution && resolution.candidates.length > 1) {
    const picked = resolution.candidates.find((c) => c.asset.id === o.assetId);
    if (picked) {
      const rest = resolution.candidates.filter((c) => c !== picked);
      next.asset = { ...first.asset!, resolution: { ...resolution, candidates: [picked, ...rest] } };
    }
  }
  return next;
}
