/**
 * Features of one analysed message for the linear model: hashed word unigrams and bigrams (the
 * work-order reference blanked, numbers by their length), character 3- and 4-grams inside words
 * (typos, inflections, compounds), the words of the asset mention, and the hand-written cue
 * rules as inputs (which cue lists fire, the rule intent, priority and status cues, question
 * marks, a work-order number, an asset). The same features feed every head (intent, priority,
 * status); each head has its own weights. Deterministic: FNV-1a hashes into DIM buckets.
 */
import { detectPriority } from '../priority.js';
import { cueSignals } from '../intent.js';
import type { Analysis } from '../analyse.js';
import { fold } from '../../assets/text.js';
import { cueClasses } from '../lang/index.js';

/** Hash buckets (a power of two). */
export const DIM = 1 << 15;
const MASK = DIM - 1;
/** Cue rules count this many times a word does. */
const CUE_REPEAT = 3;

function hash(ns: string, s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ns.length; i++) h = Math.imul(h ^ ns.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0x3a, 0x01000193);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) & MASK;
}

const TOKEN = /[a-z0-9]+|[?!¿]/g;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const t = m[0];
    out.push(/^\d+$/.test(t) ? `#${Math.min(t.length, 5)}` : t);
  }
  return out;
}

function wordBucket(n: number): string {
  return n <= 1 ? '1' : n <= 2 ? '2' : n <= 4 ? '4' : n <= 8 ? '8' : n <= 16 ? '16' : 'more';
}

/** Feature bucket indices (repeats count twice). */
export function featuresOf(a: Analysis, language: string): number[] {
  const f: number[] = [hash('b', '')];
  const toks = tokens(a.textWithoutWo);
  const wo = a.wo !== null;
  let prev = '^';
  for (const t of toks) {
    f.push(hash('w', t));
    if (wo) f.push(hash('ww', t));
    f.push(hash('bi', `${prev} ${t}`));
    prev = t;
    if (t.length >= 3 && t.charCodeAt(0) > 57) {
      const p = `<${t}>`;
      for (let i = 0; i + 3 <= p.length; i++) f.push(hash('c3', p.slice(i, i + 3)));
      for (let i = 0; i + 4 <= p.length; i++) f.push(hash('c4', p.slice(i, i + 4)));
    }
  }
  f.push(hash('bi', `${prev} $`));
  if (toks.length > 0) f.push(hash('first', toks[0]!));
  f.push(hash('len', wordBucket(toks.length)));
  if (a.located) {
    f.push(hash('flag', 'asset'));
    const d = a.located.resolution?.decision;
    if (d) f.push(hash('flag', `asset:${d}`));
    for (const t of tokens(fold(a.located.mention))) f.push(hash('m', t));
  }
  if (wo) f.push(hash('flag', 'wo'));
  f.push(hash('lang', language));
  const cues = cueSignals({ text: a.text, raw: a.raw, hasWorkOrder: wo, textWithoutWo: a.textWithoutWo, hasAsset: a.located !== null });
  for (const c of cues) {
    for (let r = 0; r < CUE_REPEAT; r++) f.push(hash('cue', c));
    if (wo) f.push(hash('cuewo', c));
  }
  const words = a.textWithoutWo.match(/[a-z0-9]+/g) ?? [];
  for (const c of cueClasses(words)) {
    for (let r = 0; r < CUE_REPEAT; r++) f.push(hash('lex', c));
    if (wo) f.push(hash('lexwo', c));
  }
  f.push(hash('rule', a.rules.intent));
  f.push(hash('rulec', `${a.rules.intent}:${a.rules.confidence >= 0.8 ? 'hi' : 'lo'}`));
  const pri = detectPriority(a.priorityText, a.located ? fold(a.located.mention) : '');
  for (let r = 0; r < CUE_REPEAT; r++) {
    f.push(hash('pri', pri.priority));
    f.push(hash('pri', pri.cue));
  }
  if (/!/.test(a.raw)) f.push(hash('flag', 'bang'));
  if (/[A-Z]{4,}/.test(a.raw) && a.raw !== a.raw.toUpperCase()) f.push(hash('flag', 'shout'));
  return f;
}

/** True when no cue rule, no cue word of any language pack, no asset and no work order speaks: the model is guessing from letters. */
export function knowsNothing(a: Analysis): boolean {
  if (a.wo !== null || a.located !== null || a.rules.confidence >= 0.5 || a.rules.intent !== 'ask_human') return false;
  return cueClasses(a.textWithoutWo.match(/[a-z0-9]+/g) ?? []).length === 0;
}
