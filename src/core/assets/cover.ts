/**
 * How much of an asset's own name a message says. Among equal candidates the one whose whole name was said
 * comes first: "blower 1" is Blower 1 before Air Scour Blower ASB-1, "pump 2" is Pump 2 before Raw Water Pump
 * RWP-2 (nobody says "pump" for the raw water pump when there is a plain Pump 2).
 */
import type { IndexData } from './build.js';
import { SOFT, STOP } from './lexicon.js';
import type { QueryTerm } from './query.js';
import { analyze, type Term } from './terms.js';

const ownTerms = new WeakMap<IndexData, Array<Term[] | undefined>>();

/** The terms of an asset's own name (before its qualifier), computed once per asset. */
export function ownOf(d: IndexData, idx: number): Term[] {
  if (idx < 0 || idx >= d.n) return [];
  let cache = ownTerms.get(d);
  if (cache === undefined) ownTerms.set(d, (cache = []));
  let t = cache[idx];
  if (t === undefined) {
    const name = d.assets[idx]!.name ?? '';
    const cut = [name.indexOf(' - '), name.indexOf('(')].filter((k) => k >= 0);
    t = analyze(cut.length ? name.slice(0, Math.min(...cut)) : name).filter((x) => !(x.kind === 'word' && STOP.has(x.raw)) && x.kind !== 'letter');
    cache[idx] = t;
  }
  return t;
}

/** The words (with synonyms) and identifiers the query terms say. */
export interface Said {
  words: Set<string>;
  ids: Set<string>;
}

export function saidBy(terms: readonly QueryTerm[]): Said {
  const words = new Set<string>();
  const ids = new Set<string>();
  for (const q of terms) {
    if (q.kind === 'word') {
      words.add(q.w);
      for (const s of SOFT[q.w] ?? []) words.add(s);
    } else if (q.kind === 'num' || q.kind === 'tag') ids.add(q.w);
  }
  return { words, ids };
}

/** Share (0..1) of the asset's own name the query terms say (`said`: saidBy(terms), when comparing many assets). */
export function nameCover(d: IndexData, idx: number, terms: readonly QueryTerm[], said?: Said): number {
  const own = ownOf(d, idx);
  if (own.length === 0) return 0;
  const { words, ids } = said ?? saidBy(terms);
  let hit = 0;
  for (const t of own) {
    if (t.kind === 'word' && words.has(t.w)) hit++;
    else if (t.kind === 'num' && ids.has(t.w)) hit++;
    else if (t.kind === 'tag' && (ids.has(t.w) || (t.num !== undefined && ids.has(t.num) && t.prefix !== undefined && words.has(t.prefix)))) hit++;
  }
  return hit / own.length;
}

/** Equal candidates, those whose whole name the message says first (stable otherwise). */
export function byCover<T extends { idx: number }>(d: IndexData, terms: readonly QueryTerm[], tied: readonly T[]): T[] {
  if (tied.length < 2 || tied.length > 200) return [...tied];
  const said = saidBy(terms); // once, not per candidate
  const c = tied.map((s, i) => ({ s, i, c: nameCover(d, s.idx, terms, said) }));
  c.sort((a, b) => b.c - a.c || a.i - b.i);
  return c.map((x) => x.s);
}
