/**
 * Two readings of one message, combined so that agreement resolves and disagreement asks:
 * - the equipment phrase (mention.ts): the first phrase that names equipment, resolved on its own;
 * - retrieval over the whole message (retrieve.ts): every asset against all the message's words.
 * Rules, in order:
 * - both resolve to the same asset → resolved;
 * - they resolve to different assets → ambiguous, both offered;
 * - the phrase was tied and the rest of the message (a site, a room, a model) picks one of the tied → resolved;
 * - only the whole message names an asset (the phrase found nothing) → asked, never picked: a pick no
 *   phrase supports was wrong too often to be trusted alone;
 * - the whole message is tied and the phrase picks one of the tied → the phrase's pick; otherwise ask;
 * - both tied → both ties together; the place the message names orders them afterwards (scope.ts).
 */
import type { LocatedMention } from './mention.js';
import type { WholeReading } from './retrieve.js';
import type { AssetCandidate, Resolution } from './types.js';
import { TUNING } from './resolve.js';

function union(a: readonly AssetCandidate[], b: readonly AssetCandidate[], max = TUNING.maxChoices): AssetCandidate[] {
  const out: AssetCandidate[] = [];
  for (const c of [...a, ...b]) if (!out.some((x) => x.asset.id === c.asset.id)) out.push(c);
  return out.slice(0, max);
}

function ask(candidates: AssetCandidate[]): Resolution {
  return { decision: 'ambiguous', candidates };
}

export function combine(text: string, phrase: LocatedMention | null, whole: WholeReading | null): LocatedMention | null {
  // the phrase resolved but nothing in the whole message names an asset (the phrase was a place, or
  // equipment the registry lacks stood before it): ask rather than pick
  if (!whole) return phrase && phrase.resolution.decision === 'resolved' ? { ...phrase, resolution: { decision: 'ambiguous', candidates: phrase.resolution.candidates } } : phrase;
  const w: LocatedMention = { mention: text.slice(whole.start, whole.end), start: whole.start, end: whole.end, resolution: whole.resolution };
  const P = phrase?.resolution;
  const W = whole.resolution;
  const at = (r: Resolution): LocatedMention => ({ ...(phrase ?? w), resolution: r });
  if (!P || P.decision === 'not_found') {
    if (W.decision === 'resolved') return { ...w, resolution: ask(whole.shortlist) };
    return w;
  }
  if (W.decision === 'resolved') {
    const pick = W.candidates[0]!;
    if (P.decision === 'resolved') return P.candidates[0]!.asset.id === pick.asset.id ? phrase : at(ask(union(P.candidates, W.candidates)));
    if (P.candidates.some((c) => c.asset.id === pick.asset.id)) return at(W);
    return at(ask(union(W.candidates, P.candidates)));
  }
  if (P.decision === 'resolved') {
    // the whole message says the noun is qualified by something no asset has: ask rather than pick
    if (whole.weak) return at(ask(union(P.candidates, W.candidates)));
    if (W.candidates.some((c) => c.asset.id === P.candidates[0]!.asset.id)) return phrase;
    return at(ask(union(P.candidates, W.candidates)));
  }
  // both tied: the whole message's tie (it has used the site, room and model words too), and the phrase's
  // (it may have kept what the whole message missed); the place named sorts them afterwards (scope.ts)
  return at(ask(union(W.candidates, P.candidates, Infinity)));
}
