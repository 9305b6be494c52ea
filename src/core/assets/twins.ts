/**
 * Twins: assets of the same name that the message names by the same words ("CRAH-03" in DC1 and in DC2, "Cooling Tower CT-1" on two
 * roofs). Only a word that places one of them (its site, room, building, area or model, or an identifier) tells
 * them apart; a symptom that happens to be in one description ("defrost", "fan") does not, so they stay equal
 * and the technician is asked.
 */
import type { IndexData } from './build.js';
import type { QueryTerm } from './query.js';
import { ownOf } from './cover.js';
import { fold } from './text.js';

export interface Matched {
  idx: number;
  /** Query-term bits matched at all. */
  mask: number;
  /** Query-term bits matched at own-name or code strength. */
  strong: number;
}

/** Whether query term k, matched by `a` and not by `b`, places `a` apart from `b`. */
function distinguishes(d: IndexData, t: QueryTerm, a: number, b: number): boolean {
  if (t.kind !== 'word') return true; // identifiers, codes and ratings are specific
  const ca = d.contextOf(a);
  return ca.has(t.w) && !d.contextOf(b).has(t.w);
}

/** True when `other` is named exactly as `top` is and nothing the message says places `top` apart. */
export function isTwin(d: IndexData, terms: readonly QueryTerm[], top: Matched, other: Matched): boolean {
  if (other.idx === top.idx || other.strong !== top.strong || top.strong === 0) return false;
  const a = ownWords(d, top.idx);
  // names that are only a code ("UPS-1B", "CRAH-03") are twins only when the codes are the same
  if (a === '' ? fold(d.assets[top.idx]!.name ?? '') !== fold(d.assets[other.idx]!.name ?? '') : a !== ownWords(d, other.idx)) return false;
  // a code the message gives that is one's own code and only read as a number on the other ("FLT-04" is
  // Forklift FLT-04, not Forklift #4)
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    if (t.kind !== 'tag' || !((top.strong >> k) & 1)) continue;
    if (hasCode(d, top.idx, t.w) !== hasCode(d, other.idx, t.w)) return false;
  }
  const extra = top.mask & ~other.mask;
  for (let k = 0; k < terms.length; k++) {
    if ((extra >> k) & 1 && distinguishes(d, terms[k]!, top.idx, other.idx)) return false;
  }
  return true;
}

/**
 * The words of the name before its qualifier ("entrance door" of "Entrance Door - Out", "battery room exhaust
 * fan" of "Battery Room Exhaust Fan EF-B1"): a qualifier or a code only sets twins apart when the message names
 * it (the strong masks then differ, or the word is in contextOf).
 */
function ownWords(d: IndexData, idx: number): string {
  return ownOf(d, idx)
    .filter((t) => t.kind === 'word')
    .map((t) => t.w)
    .join(' ');
}

function hasCode(d: IndexData, idx: number, code: string): boolean {
  return ownOf(d, idx).some((t) => t.kind === 'tag' && t.w === code);
}
