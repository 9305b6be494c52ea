/** Building observations from what the flow has at hand. Pure. */
import type { Outcome } from '../conversation/types.js';
import type { Observation, Said } from './types.js';

/** The parts of an interpretation a Said snapshot keeps (FlowInterpretation fits). */
interface Understood {
  intent: Said['intent'];
  confidence: number;
  priority: Said['priority'];
  workOrderNumber: number | null;
  status: Said['status'];
  asset: { mention: string; resolution: { decision: 'resolved' | 'ambiguous' | 'not_found'; candidates: { asset: { id: number; name: string }; score: number }[] } | null } | null;
}

const MAX_CANDIDATES = 5;
const MAX_TEXT = 2_000;

/** The snapshot of what Rivet made of `text` (event `eventKey`), to carry with a report. */
export function saidOf(eventKey: string, text: string, i: Understood): Said {
  const r = i.asset?.resolution ?? null;
  return {
    eventKey,
    text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text,
    intent: i.intent,
    confidence: Math.round(i.confidence * 1000) / 1000,
    priority: i.priority,
    workOrderNumber: i.workOrderNumber,
    status: i.status,
    mention: i.asset?.mention ?? null,
    decision: r?.decision ?? null,
    candidates: (r?.candidates ?? []).slice(0, MAX_CANDIDATES).map((c) => ({ id: c.asset.id, name: c.asset.name, score: Math.round(c.score * 1000) / 1000 })),
  };
}

/** The outcome with more observations (kept in order). */
export function observe(o: Outcome, ...more: (Observation | null | undefined)[]): Outcome {
  const add = more.filter((x): x is Observation => !!x);
  if (add.length === 0) return o;
  return { ...o, observations: [...(o.observations ?? []), ...add] };
}
