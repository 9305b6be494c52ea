/**
 * The last checks before Rivet answers:
 * - "this one": every piece of equipment the mention names must be something the picked asset is (its name,
 *   description or category has the word, or a synonym). "the shutoff for the domestic water" names a shutoff;
 *   the Domestic Water Heater is where it is, not what it is, so Rivet asks.
 * - "which one?": when the equipment named just before the candidates' words is something the registry has no
 *   word for ("the microwave in the AOC break room", "toilet by gate B4"), the candidates are the place, and
 *   Rivet says it cannot find the thing.
 */
import type { IndexData } from './build.js';
import { CONNECTORS, EQUIPMENT, NEGATORS, OPTIONAL, SOFT, WEAK } from './lexicon.js';
import { dl1 } from './typo.js';
import type { LocatedMention } from './mention.js';
import { analyze, type Term } from './terms.js';
import type { AssetRecord } from '../model.js';

/** Each asset's words, analysed once per index (the registry does not change under an index). */
const wordsMemo = new WeakMap<IndexData, Map<AssetRecord, ReadonlySet<string>>>();

function wordsOf(d: IndexData, a: AssetRecord): ReadonlySet<string> {
  let memo = wordsMemo.get(d);
  if (memo === undefined) wordsMemo.set(d, (memo = new Map()));
  let out = memo.get(a);
  if (out === undefined) memo.set(a, (out = analyseWords(a)));
  return out;
}

function analyseWords(a: AssetRecord): Set<string> {
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

/**
 * "the microwave in the AOC break room", "toilet by gate B4": the first equipment the message names is
 * something the registry does not have, and every candidate was found by other words (the place, a code
 * nearby). Nothing here is the thing meant: not found.
 */
export function guardMissing(d: IndexData, terms: readonly Term[], m: LocatedMention, skip: ReadonlyArray<readonly [number, number]>): LocatedMention {
  const r = m.resolution;
  if (r.decision === 'not_found' || r.candidates.length === 0) return m;
  // the equipment named just before the mention, with a preposition of place between ("microwave in the AOC")
  let noun: Term | undefined;
  for (let i = 0; i < terms.length && terms[i]!.end <= m.start; i++) {
    const t = terms[i]!;
    if (t.boundary) noun = undefined;
    if (t.kind !== 'word' || (skip.length > 0 && skip.some(([s, e]) => t.start < e && t.end > s))) continue;
    const prev = terms[i - 1];
    if (prev && prev.kind === 'word' && NEGATORS.has(prev.raw) && !t.boundary) continue;
    if (EQUIPMENT.has(t.w) && !WEAK.has(t.w) && !OPTIONAL.has(t.raw)) noun = t;
  }
  if (noun === undefined || !placedBefore(terms, noun, m.start)) return m;
  // a word the registry uses anywhere (a part in a description: "gate interlock on the VRC") may be the asset's
  if (d.featureIds.has('w:' + noun.w) || (SOFT[noun.w] ?? []).some((s) => d.nameWords.has(s))) return m;
  for (const c of r.candidates) if (isSome(noun.w, wordsOf(d, c.asset))) return m;
  return { ...m, resolution: { decision: 'not_found', candidates: [] } };
}

/** Prepositions that say where a thing stands ("on", "of", "for" say what it is part of: "the interlock on the VRC"). */
const WHERE = new Set('by near next beside behind at in inside outside opposite across junto cerca frente perto lado bei neben im vor hinter'.split(' '));

/** A preposition of place between the noun and the mention, in the same clause. */
function placedBefore(terms: readonly Term[], noun: Term, start: number): boolean {
  let seen = false;
  for (const t of terms) {
    if (t.start <= noun.start || t.start >= start) continue;
    if (t.boundary) return false;
    if ((t.kind === 'word' || t.kind === 'letter') && WHERE.has(t.raw)) seen = true;
  }
  return seen;
}

export function guardPick(d: IndexData, terms: readonly Term[], m: LocatedMention): LocatedMention {
  const r = m.resolution;
  if (r.decision !== 'resolved') return m;
  const own = wordsOf(d, r.candidates[0]!.asset);
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
