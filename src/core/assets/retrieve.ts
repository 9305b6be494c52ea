/**
 * Retrieval over the whole message: every asset is scored against all of the message's words (name,
 * code, location, area, model, category, description), not only against one phrase. What the registry
 * knows decides what counts: a word no asset uses weighs nothing, a rare word weighs much (IDF), a site or
 * room word lifts the assets that are there. An asset is a candidate only when the message names it —
 * its head noun, its code, or two words of its own name — and no identifier in the message contradicts it
 * ("carousel 2" is not Carousel 4). The mention is the span that matched.
 */
import type { IndexData } from './build.js';
import { CONNECTORS, EQUIPMENT, INFO_WORDS, LOCATIVE, NEGATORS, OPTIONAL, SOFT, STOP, WORDS, WO_WORDS, canonWord, isPlural } from './lexicon.js';
import { compoundHead } from './vocabulary.js';
import type { Term } from './terms.js';
import { boundWords } from './features.js';
import { addAlt, weightOf, type Query, type QueryTerm } from './query.js';
import { STRONG_FIELD, TUNING, gapFor, inContext, type Scored, type Scorer } from './resolve.js';
import { byCover } from './cover.js';
import { fold } from './text.js';
import { isTwin } from './twins.js';
import type { AssetCandidate, Resolution, ResolveContext } from './types.js';

export interface Ranked {
  idx: number;
  score: number;
  /** Query-term bits this asset matched at own-name/code strength. */
  strong: number;
  /** Query-term bits this asset matched at all. */
  mask: number;
  /** Named only by a noun whose qualifier no asset knows: may be offered, never picked. */
  weak: boolean;
}

export interface Retrieval {
  /** Candidates the message names, best first (anchored, not contradicted). */
  ranked: Ranked[];
  /** Query terms and, for each, the index of its term in the message. */
  q: Query;
  at: number[];
}

interface WholeQuery {
  q: Query;
  /** The message's terms. */
  terms: readonly Term[];
  /** Message term index of each query term. */
  at: number[];
  /** For identifiers: the query index of the word they are bound to ("carousel" of "carousel 2"), else -1. */
  bound: number[];
  /** Query-term bits of identifiers (numbers, letters, codes, ratings). */
  idMask: number;
  /** Query-term bits of codes ("AHU-3", "PR-102"). */
  tagMask: number;
  /** Query bits of words followed by a number no asset has ("elevator" of "elevator 7"). */
  deadBound: number;
  /** Canonical words of the message and their alternatives, for head-noun matching. */
  words: Set<string>;
  /** Nouns qualified by something no asset knows ("balança do açougue"): an asset named only by one is not picked. */
  weakWords: Set<string>;
  /** Message positions of equipment nouns the registry lacks. */
  foreignNouns: number[];
  /** Words the message only comes near (one typo away): a head noun named so needs other evidence too. */
  fuzzy: Set<string>;
  /** For each message word (by canonical word): the query index of the word right before it in the clause, or -1. */
  modifierOf: Map<string, number[]>;
  /** Query bits of words that name equipment in general ("machine", "dryer", "pump"). */
  nounMask: number;
  /** True when a locative preposition ("by", "on", "perto", "neben") stands between term a and term b. */
  placeAfter(a: number, b: number): boolean;
}

const MAX_TERMS = 30;
/** Query terms up to which a message is short: its numbers name things rather than read them. */
const SHORT_QUERY = 4;
/** A modifier the registry does not know at all ("coffee" of "coffee machine" where no asset says coffee). */
const MISSING = -2;

/** What a message word matches in one index: its features, and the words it names exactly or nearly. */
interface WordAlts {
  alts: QueryTerm['alts'];
  /** weightOf(alts). */
  weight: number;
  /** Words named by the word itself or a synonym ("words"), one typo away ("fuzzy"), in the order found. */
  exact: string[];
  fuzzy: string[];
}

/** The alternatives of a message word depend only on the word and the index: worked out once per word. */
const wordAltsMemo = new WeakMap<IndexData, Map<string, WordAlts>>();
function wordAltsOf(d: IndexData, w: string): WordAlts {
  let memo = wordAltsMemo.get(d);
  if (memo === undefined) wordAltsMemo.set(d, (memo = new Map()));
  let r = memo.get(w);
  if (r !== undefined) return r;
  const alts: QueryTerm['alts'] = [];
  addAlt(d, alts, 'w:' + w, 1);
  for (const s of SOFT[w] ?? []) addAlt(d, alts, 'w:' + s, 0.7);
  if (!d.vocab.has(w)) {
    for (const s of d.vocab.near(w)) addAlt(d, alts, 'w:' + s, 0.75);
    if (w.length >= 4 && alts.length === 0) for (const s of d.vocab.withPrefix(w, 3)) addAlt(d, alts, 'w:' + s, 0.6);
  }
  // a head noun is named by the word itself, a synonym or a typo of a longer word, never by a prefix
  const exact: string[] = [];
  const fuzzy: string[] = [];
  for (const a of alts) {
    if (a.factor === 0.75) fuzzy.push(featureWord(d, a.f));
    else if (a.factor >= 0.7) exact.push(featureWord(d, a.f));
  }
  r = { alts, weight: weightOf(d, alts), exact, fuzzy };
  if (memo.size > 20_000) memo.clear();
  memo.set(w, r);
  return r;
}

/** Location words that take an identifier ("terminal" of "Terminal B"), learned once per index. */
const scopeHeads = new WeakMap<IndexData, string[]>();
function scopeWordsOf(d: IndexData): string[] {
  let s = scopeHeads.get(d);
  if (s === undefined) {
    s = [...d.locWords].filter((w) => w.length >= 2 && !STOP.has(w));
    scopeHeads.set(d, s);
  }
  return s;
}

/** The features of a building or area named by a letter alone ("in B"), once per letter and index. */
const letterAlts = new WeakMap<IndexData, Map<string, QueryTerm['alts']>>();
function scopeLetterAlts(d: IndexData, letter: string): QueryTerm['alts'] {
  let memo = letterAlts.get(d);
  if (memo === undefined) letterAlts.set(d, (memo = new Map()));
  let alts = memo.get(letter);
  if (alts === undefined) {
    alts = [];
    for (const w of scopeWordsOf(d)) addAlt(d, alts, 'n:' + w + '#' + letter, 0.8);
    memo.set(letter, alts);
  }
  return alts;
}

function isExcluded(t: Term, exclude: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [s, e] of exclude) if (t.start < e && t.end > s) return true;
  return false;
}

export function wholeQuery(d: IndexData, terms: readonly Term[], exclude: ReadonlyArray<readonly [number, number]>): WholeQuery {
  const qts: QueryTerm[] = [];
  const at: number[] = [];
  const bound: number[] = [];
  const words = new Set<string>();
  const fuzzy = new Set<string>();
  const weakWords = new Set<string>();
  const foreignNouns: number[] = [];
  const qAt = new Map<number, number>(); // message term index → query index
  let idMask = 0;
  let nounMask = 0;
  let deadBound = 0;
  const modifierOf = new Map<string, number[]>();
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (isExcluded(t, exclude)) continue;
    const prev = terms[i - 1];
    let alts: QueryTerm['alts'] = [];
    switch (t.kind) {
      case 'word': {
        if (STOP.has(t.raw) || t.w.length < 2 || INFO_WORDS.has(t.w) || WO_WORDS.has(t.w) || WO_WORDS.has(t.raw)) continue;
        // "no hot water" is a symptom, not the hot-water heater
        if (prev && prev.kind === 'word' && NEGATORS.has(prev.raw) && !t.boundary) continue;
        const wa = wordAltsOf(d, t.w);
        alts = wa.alts; // shared by every message that has the word: read, never changed, after this
        if (alts.length === 0) {
          // equipment the registry does not have ("the hand dryer by B9"): what follows is its place
          if (EQUIPMENT.has(t.w)) foreignNouns.push(i);
          continue;
        }
        const optional = OPTIONAL.has(t.raw) && !d.ownWords.has(t.w);
        // "la balanza de la carnicería", "o dosador de flúor": a qualifier after "de" that no asset knows,
        // and the first part of a German compound not in the vocabulary ("Trübungs|messgerät"), say the
        // message means a kind of this noun the registry may not have
        if (unknownQualifierAfter(d, terms, i) || (t.raw !== t.w && compoundHead(t.raw) !== undefined && !(t.raw in WORDS))) {
          weakWords.add(t.w);
        }
        // a head noun is named by the word itself, a synonym or a typo of a longer word, never by a prefix
        for (const w of wa.fuzzy) fuzzy.add(w);
        for (const w of wa.exact) words.add(w);
        if (!optional && (EQUIPMENT.has(t.w) || d.headSet.has(t.w))) nounMask |= 1 << qts.length;
        // the word before a noun qualifies it ("coffee machine", "blast chiller"); known to the registry or not
        if (prev && prev.kind === 'word' && !t.boundary && !STOP.has(prev.raw) && !OPTIONAL.has(prev.raw) && !NEGATORS.has(prev.raw) && !/(?:ing|ed)$/.test(prev.raw)) {
          const list = modifierOf.get(t.w) ?? [];
          list.push(qAt.get(i - 1) ?? MISSING);
          modifierOf.set(t.w, list);
        }
        pushTerm(qts, at, bound, qAt, i, { alts, weight: wa.weight * (optional ? 0.5 : 1), required: false, optional, site: false, kind: 'word', w: t.w }, -1);
        break;
      }
      case 'letter': {
        const b = boundWords(terms, i)[0];
        if (b !== undefined) addAlt(d, alts, 'n:' + b + '#' + t.w, 1);
        else if (prev && prev.kind === 'word' && CONNECTORS.has(prev.raw) && !t.boundary && t.w !== 'a' && t.w !== 'o' && t.w !== 'e' && t.w !== 'y') {
          // "in B", "del B", "am C": a building or area named by its letter alone
          for (const a of scopeLetterAlts(d, t.w)) alts.push({ f: a.f, factor: a.factor });
        }
        if (alts.length === 0) continue;
        pushTerm(qts, at, bound, qAt, i, { alts, weight: weightOf(d, alts), required: false, optional: false, site: false, kind: 'letter', w: t.w }, b !== undefined ? (qAt.get(i - 1) ?? -1) : -1);
        break;
      }
      case 'num': {
        const bws = boundWords(terms, i);
        if (prev && !t.boundary && (prev.kind === 'word' || prev.kind === 'letter') && prev.raw.length <= 5) {
          // "P 301", "flt 4", "rtu 6": a short word and a number typed apart are a code
          addAlt(d, alts, 't:' + prev.raw + t.w, 1);
        }
        for (const b of bws) {
          addAlt(d, alts, 'n:' + b + '#' + t.w, 1);
          for (const s of SOFT[b] ?? []) addAlt(d, alts, 'n:' + s + '#' + t.w, 0.8);
        }
        const primary = weightOf(d, alts);
        addAlt(d, alts, '#' + t.w, 0.5);
        if (alts.length === 0) {
          // "elevator 7" where no asset has a 7: no elevator is meant
          const b = bws.length ? qAt.get(i - 1) : undefined;
          if (b !== undefined) deadBound |= 1 << b;
          continue;
        }
        pushTerm(qts, at, bound, qAt, i, { alts, weight: Math.max(primary, weightOf(d, alts)), required: false, optional: false, site: false, kind: 'num', w: t.w }, bws.length ? (qAt.get(i - 1) ?? -1) : -1);
        break;
      }
      case 'tag': {
        addAlt(d, alts, 't:' + t.w, 1);
        if (t.prefix && t.num !== undefined) {
          addAlt(d, alts, 'n:' + t.prefix + '#' + t.num, 0.75);
          const c = canonWord(t.prefix);
          if (c !== t.prefix) addAlt(d, alts, 'n:' + c + '#' + t.num, 0.6);
        }
        if (alts.length === 0) continue;
        if (t.prefix) words.add(canonWord(t.prefix));
        pushTerm(qts, at, bound, qAt, i, { alts, weight: Math.max(weightOf(d, alts), 3), required: false, optional: false, site: false, kind: 'tag', w: t.w }, -1);
        break;
      }
      case 'rating': {
        addAlt(d, alts, 'r:' + t.w + '#' + t.num, 1);
        if (alts.length === 0) continue;
        pushTerm(qts, at, bound, qAt, i, { alts, weight: weightOf(d, alts), required: false, optional: false, site: false, kind: 'rating', w: t.w }, -1);
        break;
      }
    }
  }
  let tagMask = 0;
  for (let k = 0; k < qts.length; k++) {
    // identifiers (numbers, letters, codes, ratings) are read off the kinds here
    if (qts[k]!.kind === 'tag') tagMask |= 1 << k;
    if (qts[k]!.kind !== 'word') idMask |= 1 << k;
  }
  let total = 0;
  for (const q of qts) if (!q.optional) total += q.weight;
  return { q: { terms: qts, head: "", hasTag: tagMask !== 0, totalWeight: total }, terms, at, bound, idMask, tagMask, deadBound, words, fuzzy, weakWords, foreignNouns, modifierOf, nounMask, placeAfter };
}

/** Adds a query term for message term `ti` (a module function, not a closure per message). */
function pushTerm(qts: QueryTerm[], at: number[], bound: number[], qAt: Map<number, number>, ti: number, qt: QueryTerm, b: number): void {
  if (qts.length >= MAX_TERMS) return;
  qAt.set(ti, qts.length);
  qts.push(qt);
  at.push(ti);
  bound.push(b);
}

/** WholeQuery.placeAfter, shared by every query (no closure per message). */
function placeAfter(this: WholeQuery, a: number, b: number): boolean {
  const terms = this.terms;
  for (let k = a + 1; k < b && k < terms.length; k++) {
    const t = terms[k]!;
    if (t.boundary) return false;
    if ((t.kind === 'word' || t.kind === 'letter') && LOCATIVE.has(t.raw)) return true;
  }
  return false;
}

/** The word of a "w:" feature (reverse lookup, cached per index). */
const wordOfFeature = new WeakMap<IndexData, Map<number, string>>();
function featureWord(d: IndexData, f: number): string {
  let m = wordOfFeature.get(d);
  if (m === undefined) {
    m = new Map();
    for (const [k, id] of d.featureIds) if (k.startsWith('w:')) m.set(id, k.slice(2));
    wordOfFeature.set(d, m);
  }
  return m.get(f) ?? '';
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

export const RETRIEVAL = {
  /** Bonus (share of the head word's IDF) when the asset's own head noun is in the message. */
  headBonus: 0.5,
  /** Bonus for a code in the message that is the asset's own code. */
  codeBonus: 1.0,
};

export function retrieve(d: IndexData, scorer: Scorer, terms: readonly Term[], exclude: ReadonlyArray<readonly [number, number]> = []): Retrieval {
  const wq = wholeQuery(d, terms, exclude);
  if (wq.q.terms.length === 0) return { ranked: [], q: wq.q, at: wq.at };
  // only assets the message names at all (a word of their own name or their code) are worth judging
  const { all } = scorer.score(wq.q, true, false, (_i, _mask, strong) => strong !== 0, false);
  const ranked: Ranked[] = [];
  for (const s of all) {
    const r = judge(d, wq, s);
    if (r !== null) ranked.push(r);
  }
  ranked.sort((a, b) => b.score - a.score || a.idx - b.idx);
  return { ranked, q: wq.q, at: wq.at };
}

/** Each asset's head-noun IDF (NaN when the index has no such word), once per index. */
const headIdf = new WeakMap<IndexData, Float64Array>();
function headIdfOf(d: IndexData): Float64Array {
  let a = headIdf.get(d);
  if (a === undefined) {
    a = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) {
      const f = d.featureIds.get('w:' + d.heads[i]!);
      a[i] = f !== undefined ? d.idf[f]! : NaN;
    }
    headIdf.set(d, a);
  }
  return a;
}

function judge(d: IndexData, wq: WholeQuery, s: Scored): Ranked | null {
  const mask = s.mask ?? 0;
  const strong = s.strong ?? 0;
  const head = d.heads[s.idx]!;
  const headHit = head !== '' && (wq.words.has(head) || (wq.fuzzy.has(head) && popcount(strong) >= 2));
  const codeHit = (strong & wq.tagMask) !== 0;
  const wordHits = popcount(strong & ~wq.idMask);
  // named: by its head noun, its code, two words of its own name, or — in a short message, where numbers are
  // rarely readings — one such word and a number it carries ("rm 733 ptac")
  const ownNumber = wordHits >= 1 && (mask & wq.idMask & ~wq.tagMask) !== 0;
  if (!headHit && !codeHit && wordHits < 2 && !(ownNumber && wq.q.terms.length <= SHORT_QUERY)) return null;
  if (headHit && !codeHit && wordHits < 2) {
    // "coffee machine" is not the ice machine: the noun's qualifier must be this asset's too
    const mods = wq.modifierOf.get(head);
    if (mods && mods.every((k) => k === MISSING || !((mask >> k) & 1))) return null;
  }
  // "the hand dryer in the mens by B9", "leveler on door 15": equipment named first, then a place word
  // after a preposition; an asset matched only after the preposition is where the thing is, not the thing
  const unmatchedNouns = wq.nounMask & ~mask;
  if ((unmatchedNouns !== 0 || wq.foreignNouns.length > 0) && strong !== 0 && !((strong & wq.idMask) !== 0 && headHit && wordHits >= 2)) {
    let first = Infinity;
    for (let k = 0; k < wq.at.length; k++) if ((strong >> k) & 1) first = Math.min(first, wq.at[k]!);
    for (let k = 0; k < wq.at.length; k++) {
      if (!((unmatchedNouns >> k) & 1) || wq.at[k]! >= first) continue;
      if (wq.placeAfter(wq.at[k]!, first)) return null;
    }
    for (const pos of wq.foreignNouns) if (pos < first && wq.placeAfter(pos, first)) return null;
  }
  if (codeHit && !headHit && wordHits < 2 && (wq.nounMask & ~mask) !== 0) {
    // "the hand dryer by B9": the code names the place; the equipment named is something else
    return null;
  }
  if ((strong & wq.deadBound) !== 0 && !codeHit) return null;
  // an identifier bound to a word of this asset's own name must be this asset's ("carousel 2" is not Carousel 4)
  for (let k = 0; k < wq.bound.length; k++) {
    const b = wq.bound[k]!;
    if (b < 0) continue;
    if ((strong >> b) & 1 && !((strong >> k) & 1)) return null;
  }
  let score = s.score;
  if (headHit) {
    const w = headIdfOf(d)[s.idx]!;
    if (!Number.isNaN(w)) score += RETRIEVAL.headBonus * w;
  }
  if (codeHit) score += RETRIEVAL.codeBonus;
  let weak = headHit && !codeHit && wordHits < 2 && wq.weakWords.has(head);
  // "portable 3 heater", "FC-1 exhaust fan": equipment named right after this asset's words is the thing
  // meant, and this asset only where it is or what it belongs to
  // (a plural after it names its parts instead: "elevator 2 doors", "compressor 3 belts")
  if (!weak && strong !== 0) {
    let last = -1;
    for (let k = 0; k < wq.at.length; k++) if ((strong >> k) & 1) last = Math.max(last, wq.at[k]!);
    for (let k = 0; k < wq.at.length && !weak; k++) {
      if (wq.at[k] === last + 1 && (wq.nounMask >> k) & 1 && !((mask >> k) & 1) && wq.terms[last + 1] && !wq.terms[last + 1]!.boundary && !plural(wq.terms[last + 1]!)) weak = true;
      if (wq.at[k] === last + 2 && (wq.nounMask >> k) & 1 && !((mask >> k) & 1) && wq.terms[last + 1]?.kind === 'word' && !wq.terms[last + 1]!.boundary && !wq.terms[last + 2]!.boundary && !((mask >> (k - 1)) & 1) && wq.at[k - 1] === last + 1) weak = true;
    }
    if (wq.foreignNouns.includes(last + 1) && wq.terms[last + 1] && !wq.terms[last + 1]!.boundary) weak = true;
  }
  return { idx: s.idx, score, strong, mask, weak };
}

export { STRONG_FIELD };

export interface WholeReading {
  start: number;
  end: number;
  resolution: Resolution;
  /** Lead of the best over the runner-up, in matched-word units (Infinity when alone). */
  margin: number;
  /** The best few, to offer when the reading is not trusted alone. */
  shortlist: AssetCandidate[];
  /** The best was named only by a noun whose qualifier no asset knows: the message may mean something else. */
  weak: boolean;
}

/** Decides on the ranked candidates: one clear leader, the tied few, or nothing. */
export function readWhole(d: IndexData, terms: readonly Term[], r: Retrieval, ctx?: ResolveContext): WholeReading | null {
  const { ranked } = r;
  if (ranked.length === 0) return null;
  const top = ranked[0]!;
  const gap = gapFor(top.score);
  let tied = ranked.filter((s) => s.score >= top.score - gap + 1e-9 || isTwin(d, r.q.terms, top, s));
  if (tied.length > 1 && ctx) {
    const hint = ctx.siteHint ? fold(ctx.siteHint).split(/[^a-z0-9]+/).filter((w) => w.length > 0) : [];
    const preferred = tied.filter((s) => inContext(d, s.idx, ctx, hint));
    if (preferred.length > 0 && preferred.length < tied.length) tied = preferred;
  }
  const second = ranked.find((s) => !tied.includes(s));
  const margin = tied.length > 1 ? 0 : second === undefined ? Infinity : (top.score - second.score) / gap;
  const total = r.q.totalWeight;
  const resolution: Resolution =
    tied.length === 1 && !tied[0]!.weak
      ? { decision: 'resolved', candidates: [toCandidate(d, tied[0]!, total)] }
      : { decision: 'ambiguous', candidates: byCover(d, r.q.terms, tied).slice(0, TUNING.maxChoices).map((s) => toCandidate(d, s, total)) };
  const span = mentionSpan(terms, r, top);
  return { start: span[0], end: span[1], resolution, margin, weak: top.weak, shortlist: ranked.slice(0, 3).map((s) => toCandidate(d, s, total)) };
}

/** (a module function: a named closure costs a __name call per message under tsx) */
function toCandidate(d: IndexData, s: Ranked, totalWeight: number): AssetCandidate {
  return { asset: d.assets[s.idx]!, score: Math.round(Math.min(1, s.score / Math.max(1e-9, totalWeight)) * 1000) / 1000 };
}

/** The words that named the best candidate, as one span: the strongest match and its neighbours in the clause. */
function mentionSpan(terms: readonly Term[], r: Retrieval, top: Ranked): [number, number] {
  const hits: number[] = [];
  for (let k = 0; k < r.at.length; k++) if ((top.strong >> k) & 1) hits.push(r.at[k]!);
  if (hits.length === 0) for (let k = 0; k < r.at.length; k++) hits.push(r.at[k]!);
  hits.sort((a, b) => a - b);
  // anchor: the hit with the largest query weight
  let anchor = hits[0]!;
  let best = -1;
  for (let k = 0; k < r.at.length; k++) {
    if (!hits.includes(r.at[k]!)) continue;
    if (r.q.terms[k]!.weight > best) {
      best = r.q.terms[k]!.weight;
      anchor = r.at[k]!;
    }
  }
  let from = anchor;
  let to = anchor;
  for (const h of hits) {
    if (h > to && h - to <= 3 && !terms.slice(to + 1, h + 1).some((t) => t.boundary)) to = h;
  }
  for (let k = hits.length - 1; k >= 0; k--) {
    const h = hits[k]!;
    if (h < from && from - h <= 3 && !terms.slice(h + 1, from + 1).some((t) => t.boundary)) from = h;
  }
  return [terms[from]!.start, terms[to]!.end];
}

const OF = new Set(['de', 'del', 'do', 'da', 'dos', 'das']);
const ARTICLE = new Set(['la', 'el', 'los', 'las', 'o', 'a', 'os', 'as']);

/** "bomba de [la] X" where X is a word no asset uses, nor a typo of one. */
function unknownQualifierAfter(d: IndexData, terms: readonly Term[], i: number): boolean {
  let k = i + 1;
  if (k >= terms.length || terms[k]!.boundary || !OF.has(terms[k]!.raw)) return false;
  k++;
  if (k < terms.length && ARTICLE.has(terms[k]!.raw) && !terms[k]!.boundary) k++;
  const q = terms[k];
  if (!q || q.boundary || q.kind !== 'word' || STOP.has(q.raw) || q.w.length < 3) return false;
  return !d.featureIds.has('w:' + q.w) && d.vocab.near(q.w).length === 0 && !d.locWords.has(q.w);
}

function plural(t: Term): boolean {
  return t.kind === 'word' && isPlural(t.raw, t.w);
}
