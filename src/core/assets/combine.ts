/**
 * Two readings of one message: the equipment phrase (mention.ts) and retrieval over the whole message
 * (retrieve.ts). They are combined so that agreement resolves and disagreement asks.
 */
import type { LocatedMention } from './mention.js';
import type { WholeReading } from './retrieve.js';

const STRAT = process.env.RIVET_STRAT ?? 'phrase';

export function combine(text: string, phrase: LocatedMention | null, whole: WholeReading | null): LocatedMention | null {
  const w: LocatedMention | null = whole ? { mention: text.slice(whole.start, whole.end), start: whole.start, end: whole.end, resolution: whole.resolution } : null;
  if (STRAT === 'phrase') return phrase;
  if (STRAT === 'whole') return w;
  if (STRAT === 'fallback') {
    if (phrase && phrase.resolution.decision !== 'not_found') return phrase;
    return w ?? phrase;
  }
  return phrase;
}
