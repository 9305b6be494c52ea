/**
 * Finds the span of a message that names equipment ("pump 301 in the boiler room",
 * "AHU-2 hall b", "montacargas FLT-04") and resolves it. Places alone ("hall b", "line 2"),
 * symptoms ("no hot water", "leaking oil") and work-order words are not equipment.
 */
import type { IndexData } from './build.js';
import { ALTERNATIVES, CONNECTORS, EQUIPMENT, INFO_WORDS, LOCATIVE, NEGATORS, PLACE, STOP, WEAK, WO_WORDS, isPlural } from './lexicon.js';
import { analyze, type Term } from './terms.js';
import { buildQuery, headWord } from './query.js';
import { decide, resolveWith, EITHER, type Scorer } from './resolve.js';
import type { Resolution, ResolveContext } from './types.js';

export interface LocatedMention {
  mention: string;
  start: number;
  end: number;
  resolution: Resolution;
}

export interface LocateOptions {
  /** Character ranges that are not equipment (e.g. the work-order reference). */
  exclude?: ReadonlyArray<readonly [number, number]>;
  /** The message already names a work order: only specific mentions count. */
  hasWorkOrder?: boolean;
}

type Mark = 'asset' | 'bridge' | 'none';

function nameWord(d: IndexData, w: string): boolean {
  if (d.nameWords.has(w)) return true;
  if (w.length >= 6) for (const n of d.vocab.near(w)) if (d.nameWords.has(n)) return true;
  return false;
}

/** The term overlaps an excluded range (a loop: a closure per term costs more than the test). */
function excluded(t: Term, exclude: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [s, e] of exclude) if (t.start < e && t.end > s) return true;
  return false;
}

function markTerms(d: IndexData, terms: Term[], exclude: ReadonlyArray<readonly [number, number]>): Mark[] {
  const marks: Mark[] = new Array<Mark>(terms.length).fill('none');
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (excluded(t, exclude)) continue;
    const prev = terms[i - 1];
    const negated = prev !== undefined && prev.kind === 'word' && NEGATORS.has(prev.raw) && !t.boundary;
    switch (t.kind) {
      case 'tag':
      case 'rating':
        marks[i] = 'asset';
        break;
      case 'word':
        if (ALTERNATIVES.has(t.raw) && prev?.kind === 'num' && terms[i + 1]?.kind === 'num') {
          marks[i] = 'bridge';
          break;
        }
        if (STOP.has(t.raw) || t.w.length < 2) {
          if (CONNECTORS.has(t.raw)) marks[i] = 'bridge';
          break;
        }
        if (negated || INFO_WORDS.has(t.w)) break;
        if ((WO_WORDS.has(t.w) || WO_WORDS.has(t.raw)) && !(terms[i + 1]?.kind === 'word' && d.headSet.has(terms[i + 1]!.w))) break;
        if (nameWord(d, t.w) || EQUIPMENT.has(t.w)) marks[i] = 'asset';
        break;
      case 'num': {
        const p = marks[i - 1];
        if (t.boundary || !prev) break;
        if (p === 'asset' && prev.kind === 'word') marks[i] = 'asset';
        else if (p === 'bridge' && ALTERNATIVES.has(prev.raw) && marks[i - 2] === 'asset') marks[i] = 'asset';
        else if (p === 'bridge' && marks[i - 2] === 'asset' && !prev.boundary) marks[i] = 'asset';
        break;
      }
      case 'letter': {
        if (t.boundary || !prev) break;
        if (marks[i - 1] === 'asset' && prev.kind === 'word' && d.featureIds.has('n:' + prev.w + '#' + t.w)) marks[i] = 'asset';
        else if (CONNECTORS.has(t.raw)) marks[i] = 'bridge';
        break;
      }
    }
  }
  // unknown words right before equipment are its modifiers ("shrink tunnel", "coffee machine", "zirc stage pump")
  for (let i = terms.length - 2; i >= 0; i--) {
    const t = terms[i]!;
    if (marks[i] !== 'none' || t.kind !== 'word' || STOP.has(t.raw) || WO_WORDS.has(t.w)) continue;
    if (excluded(t, exclude)) continue;
    if (/(?:ing|ed)$/.test(t.raw) || INFO_WORDS.has(t.w)) continue;
    const next = terms[i + 1]!;
    if (marks[i + 1] === 'asset' && !next.boundary && next.kind === 'word' && (EQUIPMENT.has(next.w) || d.headSet.has(next.w))) marks[i] = 'asset';
  }
  return marks;
}

interface Span {
  from: number;
  to: number; // inclusive term indexes
}

function spans(terms: Term[], marks: Mark[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < terms.length) {
    if (marks[i] !== 'asset') {
      i++;
      continue;
    }
    let j = i;
    let k = i + 1;
    while (k < terms.length && !terms[k]!.boundary) {
      if (marks[k] === 'asset') {
        j = k;
        k++;
        continue;
      }
      if (marks[k] === 'bridge' && k - j <= 3) {
        k++;
        continue;
      }
      break;
    }
    out.push({ from: i, to: j });
    i = j + 1;
  }
  return out;
}

/** Ways to read a span, most complete first: whole, trimmed of trailing symptom words, head part, tail. */
function variants(d: IndexData, terms: Term[], marks: Mark[], s: Span): { main: Span[]; tail: Span | null } {
  const main: Span[] = [];
  const slice = terms.slice(s.from, s.to + 1);
  // after a code, trailing symptom words describe the fault, not the asset ("ahu-1 filter alarm")
  if (slice.some((t) => t.kind === 'tag')) {
    let e = s.to;
    while (e > s.from && (terms[e]!.kind === 'word' && WEAK.has(terms[e]!.w) || marks[e] === 'bridge')) e--;
    if (e < s.to) main.push({ from: s.from, to: e });
  }
  main.push(s);
  const isPlace = PLACE.has(headWord(slice)) && !slice.some((t) => t.kind === 'tag');
  if (!isPlace) {
    // trailing words may be dropped ("booth 2 lights out", "press 2 clutch valve"), but never an identifier,
    // nor the equipment noun itself when nothing else identifies the asset ("the laser cutter" is no laser marker)
    for (let e = s.to; e > s.from; e--) {
      const t = terms[e]!;
      if (marks[e] === 'bridge') continue;
      if (t.kind !== 'word') break;
      const noun = EQUIPMENT.has(t.w) || d.headSet.has(t.w);
      if (noun && !WEAK.has(t.w) && !idIn(terms, s.from, e - 1)) break;
      let f = e - 1;
      while (f > s.from && marks[f] === 'bridge') f--;
      const last = terms[f]!;
      // a reading never ends on a symptom word ("air dryer alarm" → "air dryer")
      if (last.kind === 'word' && WEAK.has(last.w) && f > s.from) continue;
      main.push({ from: s.from, to: f });
    }
  }
  // codes inside the span ("VRC gate interlock") can name the asset on their own
  for (let k = s.from; k <= s.to; k++) {
    const t = terms[k]!;
    if (t.kind === 'tag' || (t.kind === 'word' && d.prefixes.has(t.w) && t.w.length >= 2)) {
      const end = k + 1 <= s.to && terms[k + 1]!.kind === 'num' ? k + 1 : k;
      if (k !== s.from || end !== s.to) main.push({ from: k, to: end });
    }
  }
  let tail: Span | null = null;
  if (!isPlace) {
    let firstBridge = -1;
    for (let k = s.from + 1; k <= s.to; k++) {
      if (marks[k] === 'bridge') {
        firstBridge = k;
        break;
      }
    }
    if (firstBridge > 0) {
      let b = firstBridge;
      while (b <= s.to && marks[b] === 'bridge') b++;
      if (b <= s.to) tail = { from: b, to: s.to };
    }
  }
  return { main, tail };
}

/** An identifier (number, code, rating) among terms from..to. */
function idIn(terms: readonly Term[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const kind = terms[k]!.kind;
    if (kind === 'num' || kind === 'tag' || kind === 'rating') return true;
  }
  return false;
}

interface Usable {
  ok: boolean;
  equipment: boolean;
}

function usable(d: IndexData, terms: Term[], s: Span, hasWorkOrder: boolean): Usable {
  const no = { ok: false, equipment: false };
  const slice = terms.slice(s.from, s.to + 1);
  const hasCode = slice.some((t) => t.kind === 'tag' || t.kind === 'rating');
  const hasId = hasCode || slice.some((t) => t.kind === 'num');
  const words = slice.filter((t) => t.kind === 'word' && !STOP.has(t.raw));
  if (!hasCode && words.length === 0) return no;
  const strong = words.filter((t) => !WEAK.has(t.w));
  if (!hasCode && strong.length === 0) return no;
  const head = headWord(slice);
  if (!hasCode && PLACE.has(head)) return no;
  const rare = Math.max(3, d.n * 0.005);
  const equipment =
    hasCode ||
    words.some((t) => d.prefixes.has(t.w)) ||
    words.some(
      (t) => EQUIPMENT.has(t.w) || d.headSet.has(t.w) || ((d.nameWords.get(t.w) ?? 0) <= rare && (d.ownWords.has(t.w) || !d.locWords.has(t.w)) && t.w.length >= 4),
    );
  if (!equipment) return no;
  // a plural head ("trucks", "the MIG cells") is a class of things, not one asset
  const headTerm = words.find((t) => t.w === head);
  if (!hasId && headTerm && isPlural(headTerm.raw, headTerm.w)) return no;
  // when a work order is named, only a specific mention (identifier, two real words or a rare name) is an asset of its own
  if (hasWorkOrder && !hasId && strong.length < 2) {
    const w = strong[0];
    if (!w || !d.ownWords.has(w.w) || (d.nameWords.get(w.w) ?? 0) > 1) return no;
  }
  return { ok: true, equipment };
}

interface Tried {
  span: Span;
  resolution: Resolution | null;
  score: number;
}

/** Everything one call of locateMention works on (module functions instead of per-call closures). */
interface Job {
  d: IndexData;
  scorer: Scorer;
  text: string;
  terms: Term[];
  hasWo: boolean;
  ctx: ResolveContext | undefined;
}

// words elsewhere in the message ("offices are roasting", "needs the atlas tech") may tell equal candidates apart
function contextTerms(terms: readonly Term[], v: Span): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    if (i >= v.from && i <= v.to) continue;
    const t = terms[i]!;
    if (t.kind === 'word' && !STOP.has(t.raw) && t.w.length >= 3) out.push(t.w);
    // "... stopped on line 2": an identifier bound to a word ("line#2") is context too
    if ((t.kind === 'num' || t.kind === 'letter') && !t.boundary) {
      const prev = terms[i - 1];
      if (prev && prev.kind === 'word' && !STOP.has(prev.raw)) out.push(prev.w + '#' + t.w);
    }
  }
  return out;
}

function tryOne(job: Job, v: Span): Tried | null {
  const { d, scorer, terms, text, ctx } = job;
  if (!usable(d, terms, v, job.hasWo).ok) return null;
  const surface = text.slice(terms[v.from]!.start, terms[v.to]!.end);
  if (EITHER.test(surface)) {
    const r = resolveWith(d, scorer, surface, ctx);
    return { span: v, resolution: r.decision === 'not_found' ? null : r, score: r.decision === 'not_found' ? 0 : 1 };
  }
  const q = buildQuery(d, '', terms.slice(v.from, v.to + 1));
  if (q.terms.length === 0) return null;
  const { valid } = scorer.score(q);
  if (valid.length === 0) return { span: v, resolution: null, score: 0 };
  return { span: v, resolution: decide(d, q, valid, ctx, contextTerms(terms, v)), score: 1 };
}

function located(job: Job, s: Span, resolution: Resolution): LocatedMention {
  const start = job.terms[s.from]!.start;
  const end = job.terms[s.to]!.end;
  return { mention: job.text.slice(start, end), start, end, resolution };
}

const NOT_FOUND: Resolution = { decision: 'not_found', candidates: [] };

export function locateMention(d: IndexData, scorer: Scorer, text: string, opts: LocateOptions = {}, ctx?: ResolveContext, pre?: Term[]): LocatedMention | null {
  const terms = pre ?? analyze(text);
  const marks = markTerms(d, terms, opts.exclude ?? []);
  const job: Job = { d, scorer, text, terms, hasWo: opts.hasWorkOrder === true, ctx };
  // the first equipment phrase of the message is the one it is about, unless it is vague and a later
  // phrase names one asset by its code ("ammonia smell ..., NH3-2 seal might be leaking")
  let first: LocatedMention | null = null;
  let firstTo = -1;
  for (const s of spans(terms, marks)) {
    if (first !== null) {
      let hasCode = false;
      for (let k = s.from; k <= s.to; k++) if (terms[k]!.kind === 'tag') hasCode = true;
      if (!hasCode) continue;
      // "hand dryer in the mens by B9": equipment the registry lacks, then where it is; the code is the place
      if (first.resolution.decision === 'not_found' && placedBy(terms, firstTo, s.from)) continue;
    }
    const r = readSpan(job, marks, s);
    if (r === null) continue;
    if (first === null) {
      first = r;
      firstTo = s.to;
      if (r.resolution.decision === 'resolved') return r;
      continue;
    }
    if (r.resolution.decision === 'resolved') return r;
  }
  return first;
}

/** A locative preposition ("by", "near", "perto", "neben") in the same clause between term a and term b. */
function placedBy(terms: readonly Term[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) {
    const t = terms[k]!;
    if (t.boundary) return false;
    if ((t.kind === 'word' || t.kind === 'letter') && LOCATIVE.has(t.raw)) return true;
  }
  return false;
}

function readSpan(job: Job, marks: Mark[], s: Span): LocatedMention | null {
  const { d, terms } = job;
  const { main, tail } = variants(d, terms, marks, s);
    let firstUsable: Tried | null = null;
    let best: Tried | null = null;
    // the most complete reading that matches wins
    for (const v of main) {
      const t = tryOne(job, v);
      if (!t) continue;
      if (!firstUsable) firstUsable = t;
      if (t.resolution !== null) {
        best = t;
        break;
      }
    }
    if (firstUsable && firstUsable.resolution === null && best && tail) {
      // the qualifier contradicts the match ("ice machine in the DC canteen" when only the plant has one)
      for (let k = tail.from; k <= tail.to; k++) {
        const t = terms[k]!;
        if (t.kind === 'word' && d.siteWords.has(t.w)) return located(job, firstUsable.span, { ...NOT_FOUND, candidates: [] });
      }
    }
    if (best && best.resolution) return located(job, best.span, best.resolution);
    if (tail) {
      const t = tryOne(job, tail);
      if (t && t.resolution) return located(job, t.span, t.resolution);
    }
    if (firstUsable) return located(job, firstUsable.span, { ...NOT_FOUND, candidates: [] });
  return null;
}
