/**
 * What a technician's taps say about Rivet's understanding, as observations (core/observe): the
 * machine picked from "which one?", "None of these", Cancel on the card, and Create (with the
 * priority it was filed with). Keys derive from the tap's event, so a redelivered tap records once.
 */
import type { Corrected, DisambiguationOutcome, FeedbackKind, Observation } from '../observe/types.js';
import type { Draft, FlowContext } from './types.js';

function feedback(ctx: FlowContext, draft: Draft, kind: FeedbackKind, score: 0 | 1 | null, corrected: Corrected, extra: { filingKey?: string } = {}): Observation {
  return {
    type: 'feedback',
    feedback: {
      key: `fb/${kind}/${ctx.eventKey}`,
      kind,
      source: 'technician',
      personId: ctx.user.id,
      about: { eventKey: draft.said?.eventKey ?? ctx.eventKey },
      score,
      said: draft.said ?? null,
      corrected,
      ...extra,
    },
  };
}

const disambiguation = (outcome: DisambiguationOutcome, draft: Draft, offered: { id: number }[]): Observation => ({
  type: 'disambiguation',
  outcome,
  mention: draft.unresolvedMention ?? draft.said?.mention ?? null,
  candidates: offered.map((c) => ({ id: c.id })),
});

/** A machine picked among those offered (buttons, or a short text naming one). */
export function assetChosen(ctx: FlowContext, draft: Draft, offered: { id: number }[], picked: { id: number; label: string | null }): Observation[] {
  const first = offered[0]?.id === picked.id;
  return [
    disambiguation(first ? 'picked_first' : 'picked_other', draft, offered),
    feedback(ctx, draft, 'asset_choice', first ? 1 : 0, { assetId: picked.id, assetLabel: picked.label }),
  ];
}

/** "None of these" / "I don't know". */
export function noneChosen(ctx: FlowContext, draft: Draft, offered: { id: number }[]): Observation[] {
  return [disambiguation('none_of_these', draft, offered), feedback(ctx, draft, 'asset_none', 0, { assetId: null })];
}

/** Cancel on the confirmation card. */
export function cardCancelled(ctx: FlowContext, draft: Draft): Observation {
  return feedback(ctx, draft, 'report_cancelled', 0, { cancelled: true });
}

/** Create on the card: confirmed as shown; and a priority other than Rivet's is a correction of its own. */
export function reportConfirmed(ctx: FlowContext, draft: Draft, filingKey: string): Observation[] {
  const corrected: Corrected = { priority: draft.priority, assetId: draft.assetId, assetLabel: draft.assetLabel };
  const out = [feedback(ctx, draft, 'report_confirmed', 1, corrected, { filingKey })];
  const rivet = draft.said?.priority ?? null;
  if (rivet !== null && rivet !== draft.priority) out.push(feedback(ctx, draft, 'priority_changed', 0, { priority: draft.priority }));
  return out;
}
