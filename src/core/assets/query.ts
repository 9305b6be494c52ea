/**
 * Turns a mention into weighted query terms, each with alternative index features
 * (exact, synonym, typo, abbreviation) and a flag for identifiers that must match.
 */
import { OPTIONAL, SOFT, STOP, CONNECTORS, canonWord } from './lexicon.js';
import { analyze, type Term } from './terms.js';
import { bigrams, boundWords } from './features.js';
import type { IndexData } from './build.js';

export interface QueryTerm {
  /** Feature ids and the factor a match through each is worth. */
  alts: { f: number; factor: number }[];
  weight: number;
  /** Identifiers (numbers, tags) must match or the asset is not the one meant. */
  required: boolean;
  optional: boolean;
  /** A word naming the site ("dc", "plant"): assets elsewhere are excluded. */
  site: boolean;
  kind: Term['kind'];
  w: string;
}

export interface Query {
  terms: QueryTerm[];
  /** Canonical head noun of the mention ("pump" in "pump 301 in the boiler room"), or "". */
  head: string;
  hasTag: boolean;
  totalWeight: number;
}

/** Adds the feature `key` (when the index has it) to a term's alternatives, keeping the best factor. */
export function addAlt(idx: IndexData, alts: QueryTerm['alts'], key: string, factor: number): void {
  const f = idx.featureIds.get(key);
  if (f === undefined) return;
  for (const a of alts) {
    if (a.f === f) {
      a.factor = Math.max(a.factor, factor);
      return;
    }
  }
  alts.push({ f, factor });
}

/** A mention word's features (itself, synonyms, typo neighbours, else completions): pure in the index and the word. */
const wordAltsMemo = new WeakMap<IndexData, Map<string, QueryTerm['alts']>>();
function wordAlts(idx: IndexData, w: string): QueryTerm['alts'] {
  let memo = wordAltsMemo.get(idx);
  if (memo === undefined) wordAltsMemo.set(idx, (memo = new Map()));
  let alts = memo.get(w);
  if (alts !== undefined) return alts;
  alts = [];
  addAlt(idx, alts, 'w:' + w, 1);
  for (const s of SOFT[w] ?? []) addAlt(idx, alts, 'w:' + s, 0.7);
  if (!idx.vocab.has(w)) {
    for (const s of idx.vocab.near(w)) addAlt(idx, alts, 'w:' + s, 0.75);
    if (w.length >= 3 && alts.length === 0) for (const s of idx.vocab.withPrefix(w, 3)) addAlt(idx, alts, 'w:' + s, 0.7);
  }
  if (memo.size > 20_000) memo.clear();
  memo.set(w, alts);
  return alts;
}

/** A term's weight: its best alternative's idf times how closely it matches. */
export function weightOf(idx: IndexData, alts: QueryTerm['alts']): number {
  let best = 0;
  for (const a of alts) best = Math.max(best, idx.idf[a.f]! * a.factor);
  return best;
}

export function headWord(terms: readonly Term[]): string {
  let head = '';
  for (const t of terms) {
    if (t.kind === 'word' && CONNECTORS.has(t.raw) && head !== '') break;
    if (t.kind === 'word' && !STOP.has(t.raw) && !OPTIONAL.has(t.raw)) head = t.w;
  }
  return head;
}

export function buildQuery(idx: IndexData, mention: string, pre?: Term[]): Query {
  const terms = pre ?? analyze(mention);
  const out: QueryTerm[] = [];
  let hasTag = false;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    let alts: QueryTerm['alts'] = [];
    switch (t.kind) {
      case 'word': {
        if (STOP.has(t.raw) || t.w.length < 2) continue;
        alts = wordAlts(idx, t.w); // shared by every mention that has the word: read, never changed, after this
        // an adjective the registry itself puts in names ("Main Gate Operator", "PUMP #2 OLD") tells assets apart
        const optional = OPTIONAL.has(t.raw) && !idx.ownWords.has(t.w);
        if (optional && alts.length === 0) continue;
        out.push({
          alts,
          weight: alts.length ? weightOf(idx, alts) * (optional ? 0.5 : 1) : idx.maxIdf,
          required: false,
          optional,
          site: idx.siteWords.has(t.w),
          kind: t.kind,
          w: t.w,
        });
        break;
      }
      case 'letter': {
        const b = boundWords(terms, i)[0];
        if (b === undefined) continue;
        addAlt(idx, alts, 'n:' + b + '#' + t.w, 1);
        if (alts.length === 0) continue;
        out.push({ alts, weight: weightOf(idx, alts), required: false, optional: false, site: false, kind: t.kind, w: t.w });
        break;
      }
      case 'num': {
        // "P 301", "flt 4", "rtu 6": a short word and a number typed apart are a code
        const prev = terms[i - 1];
        if (prev && !t.boundary && (prev.kind === 'word' || prev.kind === 'letter') && prev.raw.length <= 5) {
          const code = prev.raw + t.w;
          if (idx.featureIds.has('t:' + code)) {
            hasTag = true;
            addAlt(idx, alts, 't:' + code, 1);
            for (const b of boundWords(terms, i)) addAlt(idx, alts, 'n:' + b + '#' + t.w, 0.6);
            addAlt(idx, alts, 'n:' + prev.raw + '#' + t.w, 0.9);
            out.push({ alts, weight: Math.max(weightOf(idx, alts), 3), required: true, optional: false, site: false, kind: 'tag', w: code });
            break;
          }
        }
        for (const b of boundWords(terms, i)) {
          addAlt(idx, alts, 'n:' + b + '#' + t.w, 1);
          for (const s of SOFT[b] ?? []) addAlt(idx, alts, 'n:' + s + '#' + t.w, 0.8);
        }
        const primary = weightOf(idx, alts);
        addAlt(idx, alts, '#' + t.w, 0.5);
        out.push({
          alts,
          weight: alts.length ? Math.max(primary, weightOf(idx, alts)) : idx.maxIdf,
          required: true,
          optional: false,
          site: false,
          kind: t.kind,
          w: t.w,
        });
        break;
      }
      case 'tag': {
        hasTag = true;
        addAlt(idx, alts, 't:' + t.w, 1);
        if (t.prefix && t.num !== undefined) {
          addAlt(idx, alts, 'n:' + t.prefix + '#' + t.num, 0.75);
          const c = canonWord(t.prefix);
          if (c !== t.prefix) addAlt(idx, alts, 'n:' + c + '#' + t.num, 0.6);
        }
        out.push({
          alts,
          weight: alts.length ? Math.max(weightOf(idx, alts), 3) : idx.maxIdf,
          required: true,
          optional: false,
          site: false,
          kind: t.kind,
          w: t.w,
        });
        break;
      }
      case 'rating': {
        addAlt(idx, alts, 'r:' + t.w + '#' + t.num, 1);
        out.push({
          alts,
          weight: alts.length ? weightOf(idx, alts) : idx.maxIdf,
          required: false,
          optional: false,
          site: false,
          kind: t.kind,
          w: t.w,
        });
        break;
      }
    }
  }
  // phrases of the mention found verbatim in a description (and not in the name): they lift the
  // description's low-weight words towards a name match; extra evidence, never required
  for (const b of bigrams(terms)) {
    const f = idx.featureIds.get(b);
    if (f === undefined) continue;
    const [w1, w2] = b.slice(2).split(' ');
    const i1 = idx.featureIds.get('w:' + w1);
    const i2 = idx.featureIds.get('w:' + w2);
    const weight = 0.3 * ((i1 !== undefined ? idx.idf[i1]! : 0) + (i2 !== undefined ? idx.idf[i2]! : 0));
    out.push({ alts: [{ f, factor: 1 }], weight, required: false, optional: true, site: false, kind: 'word', w: b });
  }
  let total = 0;
  for (const q of out) if (!q.optional) total += q.weight;
  return { terms: out, head: headWord(terms), hasTag, totalWeight: total };
}
