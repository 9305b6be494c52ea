/**
 * The last check before Rivet says "this one": every piece of equipment the mention names must be something
 * the picked asset is (its name, description or category has the word, or a synonym). "the shutoff for the
 * domestic water" names a shutoff; the Domestic Water Heater is where it is, not what it is, so Rivet asks.
 */
import type { IndexData } from './build.js';
import { CONNECTORS, EQUIPMENT, OPTIONAL, SOFT, WEAK } from './lexicon.js';
import { dl1 } from './typo.js';
import type { LocatedMention } from './mention.js';
import { analyze, type Term } from './terms.js';
import type { AssetRecord } from '../model.js';

function wordsOf(a: AssetRecord): Set<string> {
  const out = new Set<string>();
  for (const text of [a.name, a.description, a.category?.name]) {
    if (!text) continue;
    for (const t of analyze(text)) {
      if (t.kind === 'word') out.add(t.w);
      if (t.kind === 'tag' && t.prefix) out.add(t.prefix);
    }
  }
  return out;
}

export function guardPick(_d: IndexData, terms: readonly Term[], m: LocatedMention): LocatedMention {
  const r = m.resolution;
  if (r.decision !== 'resolved') return m;
  const own = wordsOf(r.candidates[0]!.asset);
  for (const t of terms) {
    if (t.start < m.start || t.end > m.end) continue;
    // only the head part: what follows a connector or an identifier is where it is or what it belongs to
    if (t.start > m.start && ((t.kind === 'word' && CONNECTORS.has(t.raw)) || t.kind !== 'word')) break;
    if (t.kind !== 'word' || !EQUIPMENT.has(t.w) || WEAK.has(t.w) || OPTIONAL.has(t.raw)) continue;
    if (isSome(t.w, own)) continue;
    return { ...m, resolution: { decision: 'ambiguous', candidates: r.candidates } };
  }
  return m;
}

/** The asset is a `w`: the word itself, a synonym either way, or a spelling of it ("labeller", "labeler"). */
function isSome(w: string, own: ReadonlySet<string>): boolean {
  if (own.has(w) || (SOFT[w] ?? []).some((s) => own.has(s))) return true;
  for (const o of own) {
    if ((SOFT[o] ?? []).includes(w)) return true;
    if (o.length >= 4 && w.length >= 4 && (dl1(o, w) || (o.length >= 5 && w.length >= 5 && o.slice(0, 5) === w.slice(0, 5)))) return true;
  }
  return false;
}
