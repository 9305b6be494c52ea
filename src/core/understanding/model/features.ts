/**
 * Features of one analysed message for the linear model: hashed word unigrams and bigrams (the
 * work-order reference blanked, numbers by their length), character 4-grams inside words
 * (typos, inflections, compounds), the words of the asset mention, and the hand-written cue
 * rules as inputs (which cue lists fire, the rule intent, priority and status cues, question
 * marks, a work-order number, an asset). The same features feed every head (intent, priority,
 * status); each head has its own weights. Deterministic: FNV-1a hashes into DIM buckets.
 */
import { cueSignals } from '../intent.js';
import type { Analysis } from '../analyse.js';
import { fold } from '../../assets/text.js';
import { cueClasses } from '../lang/index.js';

/** Hash buckets (a power of two). */
export const DIM = 1 << 15;
const MASK = DIM - 1;
/** Cue rules count this many times a word does. */
const CUE_REPEAT = 3;

const PRIME = 0x01000193;

function seedOf(ns: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ns.length; i++) h = Math.imul(h ^ ns.charCodeAt(i), PRIME);
  return Math.imul(h ^ 0x3a, PRIME);
}

/** FNV-1a of s[from, to) continued from a namespace's seed (unmasked). */
function fnv(seed: number, s: string, from = 0, to = s.length): number {
  let h = seed;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  return h;
}

const bucket = (h: number) => (h >>> 0) & MASK;
const NS = {
  b: seedOf('b'), w: seedOf('w'), ww: seedOf('ww'), bi: seedOf('bi'), c4: seedOf('c4'),
  first: seedOf('first'), m: seedOf('m'),
};

/** Bucket of a constant feature ("cue" + "question"), remembered. */
const constants = new Map<string, Map<string, number>>();
function namespace(ns: string): Map<string, number> {
  let byNs = constants.get(ns);
  if (byNs === undefined) {
    byNs = new Map();
    constants.set(ns, byNs);
  }
  return byNs;
}
function hashIn(byNs: Map<string, number>, ns: string, s: string): number {
  let b = byNs.get(s);
  if (b === undefined) {
    b = bucket(fnv(seedOf(ns), s));
    byNs.set(s, b);
  }
  return b;
}
function hash(ns: string, s: string): number {
  return hashIn(namespace(ns), ns, s);
}
/** The namespaces read for every message, looked up once. */
const CUE = namespace('cue');
const CUEWO = namespace('cuewo');
const LEX = namespace('lex');
const LEXWO = namespace('lexwo');

const TOKEN = /[a-z0-9]+|[?!¿]/g;

function isDigits(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A token as the model sees it: numbers by their length ("#4"). */
const asToken = (t: string) => (isDigits(t) ? `#${Math.min(t.length, 5)}` : t);

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) out.push(asToken(m[0]));
  return out;
}

/** FNV-1a of the 4 characters of "<" + t + ">" from position i, without building the string. */
function c4(t: string, i: number): number {
  const n = t.length;
  let h = NS.c4;
  for (let k = i; k < i + 4; k++) h = Math.imul(h ^ (k === 0 ? 60 : k === n + 1 ? 62 : t.charCodeAt(k - 1)), PRIME);
  return h;
}

function wordBucket(n: number): string {
  return n <= 1 ? '1' : n <= 2 ? '2' : n <= 4 ? '4' : n <= 8 ? '8' : n <= 16 ? '16' : 'more';
}

/** The cue classes the words of the text (work-order reference blanked) fire, all language packs. */
const lexClasses = (a: Analysis) => cueClasses(a.textWithoutWo.match(/[a-z0-9]+/g) ?? []);

/** Feature bucket indices (repeats count twice). */
export function featuresOf(a: Analysis, language: string): number[] {
  const f: number[] = [bucket(NS.b)];
  const toks = tokens(a.textWithoutWo);
  const wo = a.wo !== null;
  let prev = fnv(NS.w, '^');
  for (const t of toks) {
    const hw = fnv(NS.w, t);
    f.push(bucket(hw));
    if (wo) f.push(bucket(fnv(NS.ww, t)));
    f.push(bucket(Math.imul(Math.imul(NS.bi ^ prev, PRIME) ^ hw, PRIME)));
    prev = hw;
    if (t.length >= 3 && t.charCodeAt(0) > 57) {
      // character 4-grams of "<t>"
      for (let i = 0; i + 4 <= t.length + 2; i++) f.push(bucket(c4(t, i)));
    }
  }
  f.push(bucket(Math.imul(Math.imul(NS.bi ^ prev, PRIME) ^ fnv(NS.w, '$'), PRIME)));
  if (toks.length > 0) f.push(bucket(fnv(NS.first, toks[0]!)));
  f.push(hash('len', wordBucket(toks.length)));
  if (a.located) {
    f.push(hash('flag', 'asset'));
    const d = a.located.resolution?.decision;
    if (d) f.push(hash('flag', `asset:${d}`));
    for (const t of tokens(fold(a.located.mention))) f.push(bucket(fnv(NS.m, t)));
  }
  if (wo) f.push(hash('flag', 'wo'));
  f.push(hash('lang', language));
  const cues = cueSignals({ text: a.text, raw: a.raw, hasWorkOrder: wo, textWithoutWo: a.textWithoutWo, hasAsset: a.located !== null }, a.cues);
  for (const c of cues) {
    const h = hashIn(CUE, 'cue', c);
    for (let r = 0; r < CUE_REPEAT; r++) f.push(h);
    if (wo) f.push(hashIn(CUEWO, 'cuewo', c));
  }
  for (const c of lexClasses(a)) {
    const h = hashIn(LEX, 'lex', c);
    for (let r = 0; r < CUE_REPEAT; r++) f.push(h);
    if (wo) f.push(hashIn(LEXWO, 'lexwo', c));
  }
  f.push(hash('rule', a.rules.intent));
  f.push(hash('rulec', `${a.rules.intent}:${a.rules.confidence >= 0.8 ? 'hi' : 'lo'}`));
  if (a.raw.includes('!')) f.push(hash('flag', 'bang'));
  if (/[A-Z]{4,}/.test(a.raw) && a.raw !== a.raw.toUpperCase()) f.push(hash('flag', 'shout'));
  return f;
}

/** True when no cue rule, no cue word of any language pack, no asset and no work order speaks: the model is guessing from letters. */
export function knowsNothing(a: Analysis): boolean {
  if (a.wo !== null || a.located !== null || a.rules.confidence >= 0.5 || a.rules.intent !== 'ask_human') return false;
  return lexClasses(a).length === 0;
}
