/**
 * The chat engine's side of observing (core/observe): the interpretation traced as its own step,
 * and the observations of a kept outcome passed on — counted, recorded on the trace, and people's
 * corrections written down as feedback. Nothing here may fail a turn: a feedback that cannot be
 * written is logged and the conversation goes on.
 */
import type { Observation, Observer } from '../observe/index.js';
import type { Channel } from '../model.js';
import type { Logger, Tracing } from '../ports.js';
import type { FlowInterpretation, FlowResolveContext } from './types.js';

const TOP = 5;

/** What the trace shows of an interpretation: intent, confidence, and the machines considered with their scores. */
export function interpretationOutputs(i: FlowInterpretation): Record<string, unknown> {
  const r = i.asset?.resolution ?? null;
  return {
    intent: i.intent,
    confidence: i.confidence,
    priority: i.priority,
    workOrderNumber: i.workOrderNumber,
    status: i.status,
    title: i.title,
    asset: i.asset
      ? {
          mention: i.asset.mention,
          decision: r?.decision ?? null,
          candidates: (r?.candidates ?? []).slice(0, TOP).map((c) => ({ id: c.asset.id, name: c.asset.name, location: c.asset.location?.name ?? null, score: c.score })),
        }
      : null,
  };
}

/** `understand`, each call a step of the trace in progress (its inputs, and what came out). */
export function tracedUnderstanding<F extends (text: string, ctx: FlowResolveContext) => FlowInterpretation | Promise<FlowInterpretation>>(tracing: Tracing, understand: F): F {
  if (!tracing.enabled) return understand;
  return ((text: string, ctx: FlowResolveContext) =>
    tracing.span('interpret', { runType: 'chain', inputs: { text, context: ctx }, outputs: interpretationOutputs }, () => understand(text, ctx))) as F;
}

export interface PassOnDeps {
  organizationId: string;
  observer: Observer;
  tracing: Tracing;
}

export async function passOn(deps: PassOnDeps, channel: Channel, observations: readonly Observation[] | undefined, log: Logger): Promise<void> {
  for (const o of observations ?? []) {
    try {
      if (o.type === 'feedback') {
        const f = o.feedback;
        if (deps.tracing.enabled) deps.tracing.event(`feedback: ${f.kind}`, { inputs: { said: f.said?.text ?? null }, outputs: { score: f.score, corrected: f.corrected } });
        await deps.observer.feedback({ ...f, organizationId: deps.organizationId });
        continue;
      }
      deps.observer.note(o, { channel });
      if (!deps.tracing.enabled) continue;
      if (o.type === 'disambiguation') deps.tracing.event('disambiguation', { inputs: { mention: o.mention, candidates: o.candidates }, outputs: { outcome: o.outcome } });
      else if (o.type === 'handover') deps.tracing.event('handover', { outputs: { topic: o.topic, delivered: o.delivered } });
    } catch (err) {
      log.warn({ err: (err as Error).message, observation: o.type }, 'an observation could not be passed on');
    }
  }
}
