/**
 * Turns text into "terms": canonical words, identifier numbers, ratings and tag codes,
 * each with its character span. Used identically for asset fields and for mentions,
 * so that "P-301", "p301", "pump 301" and "bomba P-301" meet on shared features.
 */
import { PHRASES, STOP, UNITS, WORDS, canonWord } from './lexicon.js';
import { compoundParts } from './vocabulary.js';
import { compactTag, isBoundary, isJoiner, normNum, tokenize, type Token } from './text.js';

export type TermKind = 'word' | 'num' | 'tag' | 'letter' | 'rating';

export interface Term {
  kind: TermKind;
  /** word: canonical word; num/letter: the identifier; tag: compact code; rating: unit. */
  w: string;
  /** For tags: leading letters ("pr" of pr102); for ratings: the number. */
  prefix?: string;
  /** For tags: the first number group; for num: the number; for rating: the number. */
  num?: string;
  /** For codes of several parts ("AHU-N4-11"): the letters of the first part and the last number ("ahu", "11"). */
  short?: [string, string];
  start: number;
  end: number;
  /** A clause boundary (punctuation) precedes this term. */
  boundary: boolean;
  /** Folded surface word before canonicalisation (for connectors and stop words). */
  raw: string;
}

/**
 * Every term is made here, with all its fields in one order (absent ones undefined): one object shape, so
 * the many reads of kind, w and raw across the asset code stay monomorphic instead of megamorphic.
 */
function term(kind: TermKind, w: string, start: number, end: number, boundary: boolean, raw: string, prefix?: string, num?: string, short?: [string, string]): Term {
  return { kind, w, prefix, num, short, start, end, boundary, raw };
}

/** Single words that stand for several ("rolltor" → "rollup door"). */
const MULTI_WORD = new Map<string, string[]>();
for (const [k, v] of Object.entries(WORDS)) if (v.includes(' ')) MULTI_WORD.set(k, v.split(' '));

interface Phrase {
  from: string[];
  to: string[];
}
/** Phrases by their first word, longest first. */
const PHRASE_BY_FIRST = new Map<string, Phrase[]>();
for (const [from, to] of PHRASES) {
  const p = { from: from.split(' '), to: to.split(' ') };
  const list = PHRASE_BY_FIRST.get(p.from[0]!) ?? [];
  list.push(p);
  list.sort((a, b) => b.from.length - a.from.length);
  PHRASE_BY_FIRST.set(p.from[0]!, list);
}

interface Group {
  toks: Token[];
  start: number;
  end: number;
  boundary: boolean;
}

/** Group tokens joined without spaces or by "-"/"#" when the group contains digits (codes like PR-102, MCC-P1). */
function groups(tokens: Token[]): Group[] {
  const out: Group[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    let j = i + 1;
    while (j < tokens.length && isJoiner(tokens[j]!.sep) && tokens[j]!.sep !== '#') j++;
    const toks = j === i + 1 ? [first] : tokens.slice(i, j);
    let hasDigit = false;
    for (const t of toks) hasDigit ||= t.hasDigit;
    if (toks.length > 1 && !hasDigit) {
      // hyphenated words ("Dry-off", "Walk-in") stay separate words
      for (const t of toks) out.push({ toks: [t], start: t.start, end: t.end, boundary: isBoundary(t.sep) });
    } else {
      out.push({ toks, start: first.start, end: toks[toks.length - 1]!.end, boundary: isBoundary(first.sep) });
    }
    i = j;
  }
  return out;
}

const NUM_ONLY = /^\d+$/;
/** Words for a storey that follow its number ("2. OG", "3 andar", "1 piso"). */
const STOREY = new Set(['og', 'ug', 'eg', 'stock', 'etage', 'obergeschoss', 'andar', 'piso', 'planta', 'floor', 'fl']);
const LEAD_LETTERS = /^[a-z]+/;
const FIRST_NUM = /\d+/;
const NUM_UNIT = /^(\d+)([a-z]+)$/;

export function analyze(text: string): Term[] {
  const tokens = tokenize(text);
  const gs = groups(tokens);
  const terms: Term[] = [];
  for (let gi = 0; gi < gs.length; gi++) {
    const g = gs[gi]!;
    if (g.toks.length === 1) {
      const tk = g.toks[0]!;
      const t = tk.t;
      if (NUM_ONLY.test(t)) {
        // decimals ("0.8", "4,800") are readings, never identifiers
        const prev = gs[gi - 1];
        const next = gs[gi + 1];
        const decimalPrev = prev !== undefined && /^[.,]$/.test(tk.sep) && NUM_ONLY.test(prev.toks[prev.toks.length - 1]!.t);
        const decimalNext = next !== undefined && /^[.,]$/.test(next.toks[0]!.sep) && NUM_ONLY.test(next.toks[0]!.t);
        if (decimalPrev || decimalNext) continue;
        // "2. OG", "3 andar", "4 floor": a storey, not an identifier ("floor 4" stays one: the number follows)
        if (next !== undefined && next.toks.length === 1 && STOREY.has(next.toks[0]!.t)) continue;
        const unitTok = next && next.toks.length === 1 && !next.boundary ? next.toks[0]!.t : undefined;
        const unit = unitTok !== undefined ? canonWord(unitTok) : undefined;
        if (unit !== undefined && UNITS.has(unit) && (unit === 'ton' || unit === 'kva' || unit === 'kw' || unit === 'hp')) {
          terms.push(term('rating', unit, g.start, next!.end, g.boundary, t, undefined, normNum(t)));
          gi++;
          continue;
        }
        terms.push(term('num', normNum(t), g.start, g.end, g.boundary, t, undefined, normNum(t)));
        continue;
      }
      if (tk.hasDigit) {
        const nu = NUM_UNIT.exec(t);
        if (nu) {
          const unit = canonWord(nu[2]!);
          if (unit === 'ton' || unit === 'kva' || unit === 'kw' || unit === 'hp') {
            terms.push(term('rating', unit, g.start, g.end, g.boundary, t, undefined, normNum(nu[1]!)));
          }
          // other number+letters runs ("95c", "2pm", "3m", "4000h") are readings or times
          continue;
        }
        pushTag(terms, g);
        continue;
      }
      if (t.length === 1) {
        terms.push(term('letter', t, g.start, g.end, g.boundary, t));
        continue;
      }
      terms.push(term('word', t, g.start, g.end, g.boundary, t));
      continue;
    }
    const first = g.toks[0]!;
    if (first.hasLetter) pushTag(terms, g);
    // groups starting with digits ("6309-2RS", "1/2") are part numbers or ranges: ignored
  }
  return rewrite(terms);
}

function pushTag(terms: Term[], g: Group): void {
  const surface = g.toks.map((t) => t.t).join('-');
  const compact = compactTag(surface);
  const prefix = LEAD_LETTERS.exec(compact)?.[0] ?? '';
  const num = FIRST_NUM.exec(compact)?.[0];
  const first = g.toks[0]!.t;
  const lastTok = g.toks[g.toks.length - 1]!.t;
  const lead = /^[a-z]+/.exec(first)?.[0];
  const short: [string, string] | undefined =
    g.toks.length >= 3 && lead !== undefined && NUM_ONLY.test(lastTok) ? [lead, normNum(lastTok)] : undefined;
  terms.push(term('tag', compact, g.start, g.end, g.boundary, /^[a-z]+$/.test(first) ? first : prefix, prefix, num, short));
}

/** What a single folded word becomes: the words it stands for, or its canonical word (memoised: pure in the word). */
const formMemo = new Map<string, string | readonly string[]>();
function wordForm(w: string): string | readonly string[] {
  const memo = formMemo.get(w);
  if (memo !== undefined) return memo;
  const form = MULTI_WORD.get(w) ?? (Object.prototype.hasOwnProperty.call(WORDS, w) ? undefined : compoundParts(w, WORDS)) ?? canonWord(w);
  if (formMemo.size > 50_000) formMemo.clear();
  formMemo.set(w, form);
  return form;
}

/** Apply phrase rewrites and word canonicalisation to word terms. */
function rewrite(terms: Term[]): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (t.kind === 'word' || t.kind === 'letter') {
      const candidates = PHRASE_BY_FIRST.get(t.w);
      if (candidates !== undefined) {
        let matched = false;
        for (const p of candidates) {
          const n = p.from.length;
          if (i + n > terms.length) continue;
          let ok = true;
          for (let k = 0; k < n; k++) {
            const tk = terms[i + k]!;
            if ((tk.kind !== 'word' && tk.kind !== 'letter') || tk.w !== p.from[k] || (k > 0 && tk.boundary)) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          const last = terms[i + n - 1]!;
          for (const w of p.to) out.push(term('word', w, t.start, last.end, t.boundary, w));
          i += n - 1;
          matched = true;
          break;
        }
        if (matched) continue;
      }
      if (t.kind === 'letter') {
        out.push(t);
        continue;
      }
      const form = wordForm(t.w);
      if (typeof form !== 'string') {
        for (const w of form) out.push(term(t.kind, w, t.start, t.end, t.boundary, t.w, t.prefix, t.num, t.short));
        continue;
      }
      t.raw = t.w;
      t.w = form;
      out.push(t);
      continue;
    }
    if (t.kind === 'tag' && t.prefix) {
      // the prefix of a code may itself be a word abbreviation ("flt" → forklift)
      out.push(t);
      continue;
    }
    out.push(t);
  }
  return out;
}

export function isStop(t: Term): boolean {
  return (t.kind === 'word' || t.kind === 'letter') && STOP.has(t.raw);
}
