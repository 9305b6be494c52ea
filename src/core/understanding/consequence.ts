/**
 * Consequence of a fault report: what happens if nobody comes (someone trapped or at risk, a
 * release, a spreading leak, people waiting, a service lost, product warming, a regulatory
 * matter, a deadline) or why it can wait (a backup carrying it, a workaround, only a noise, a
 * convenience item). Read from every language pack's `consequences` phrases in one pass over
 * the words, plus a few language-free patterns (temperature readings, clock times). These are
 * inputs of the learned priority head (model/features.ts): it weighs them, no rule here decides.
 */
import { fold } from '../assets/text.js';
import { PACKS } from './lang/index.js';
import type { Consequence } from './lang/types.js';

export type ConsequenceSignal =
  | Consequence
  /** a cold store with a temperature reading or warming: product at risk */
  | 'coldChain'
  /** a temperature reading ("9C", "45 degrees", "-62", "12 graus") */
  | 'reading'
  /** a convenience item and no loss named */
  | 'amenityOnly'
  /** a symptom (noise, chirping, slow) and no loss named */
  | 'symptomOnly'
  /** a leak or release that spreads or reaches people or product */
  | 'escalating'
  /** no consequence named */
  | 'silent';

// --- phrase lookup: 1–3 words, or a prefix ("leak*"), from all packs ---
const phrases = new Map<string, Consequence[]>();
const prefixes = new Map<string, Consequence[]>();
for (const pack of Object.values(PACKS)) {
  for (const [kind, list] of Object.entries(pack.consequences) as Array<[Consequence, readonly string[]]>) {
    for (const raw of list) {
      const p = fold(raw).replace(/['’]/g, '');
      const star = p.endsWith('*');
      const key = star ? p.slice(0, -1) : p;
      const target = star ? prefixes : phrases;
      const had = target.get(key) ?? [];
      if (!had.includes(kind)) target.set(key, [...had, kind]);
    }
  }
}
const starts = new Set<string>();
for (const key of phrases.keys()) if (key.includes(' ')) starts.add(key.slice(0, key.indexOf(' ')));
const prefixesByStart = new Map<string, Array<[string, Consequence[]]>>();
for (const [key, kinds] of prefixes) {
  const k = key.slice(0, 3);
  prefixesByStart.set(k, [...(prefixesByStart.get(k) ?? []), [key, kinds]]);
}

/** A word before a phrase that negates it ("no smoke", "not leaking", "sin fuga", "kein Geruch"). */
const NEGATORS = new Set(['no', 'not', 'isnt', 'wasnt', 'arent', 'never', 'without', 'nobody', 'sin', 'nunca', 'nadie', 'sem', 'nao', 'nenhum', 'ninguem', 'kein', 'keine', 'keinen', 'nicht', 'ohne', 'niemand']);

/** Consequence kinds named in a list of folded words, once each. */
export function consequenceKinds(words: readonly string[], out: Set<Consequence> = new Set()): Set<Consequence> {
  const add = (kinds: readonly Consequence[] | undefined) => {
    if (kinds) for (const k of kinds) out.add(k);
  };
  for (let i = 0; i < words.length; i++) {
    if (i > 0 && NEGATORS.has(words[i - 1]!)) continue;
    const w = words[i]!;
    add(phrases.get(w));
    if (i + 1 < words.length && starts.has(w)) {
      const two = `${w} ${words[i + 1]}`;
      add(phrases.get(two));
      if (i + 2 < words.length) add(phrases.get(`${two} ${words[i + 2]}`));
    }
    if (w.length >= 3) {
      const cands = prefixesByStart.get(w.slice(0, 3));
      if (cands) for (const [key, kinds] of cands) if (w.startsWith(key)) add(kinds);
    }
  }
  return out;
}

/** A temperature as people type it: "9C", "45 degrees", "15 F", "-62", "12 graus", "14 Grad", "40 on the thermometer". */
const READING = /(?:^|[^\w.])-\d+\b|\b\d+(?:[.,]\d+)?\s*(?:°|º)?\s*(?:degrees?|deg|grados?|graus?|grad|[cf])\b|°|\b(?:ther|ter)momet/;
/** A clock time or "in 20 min": an event soon. */
const SOON = /\b\d{1,2}(?::\d\d)?\s*(?:am|pm|uhr|h)\b|\b\d{1,2}:\d\d\b|\b(?:in|within|en|em|dentro de)\s+\d+\s*(?:min|mins|minutes|minutos|minuten)\b/;

const WORD = /[a-z0-9]+/g;

/**
 * Consequence signals of a message. text: the folded text priority reads (the asset mention
 * replaced by "asset"); mention: the folded asset mention (where a cold store is usually named).
 */
export function consequencesOf(text: string, mention = ''): ConsequenceSignal[] {
  const kinds = consequenceKinds(text.match(WORD) ?? []);
  // the mention names the equipment: only what kind of equipment it is counts ("smoke detector" is no smoke)
  if (mention) for (const k of consequenceKinds(mention.match(WORD) ?? [])) if (k === 'coldStore' || k === 'amenity') kinds.add(k);
  // a hazardous substance that leaks or smells is a release ("cheiro de cloro"); named alone it may be what a meter measures
  if (kinds.has('hazmat') && (kinds.has('odor') || kinds.has('fluidLoss') || kinds.has('burning'))) kinds.add('release');
  const out: ConsequenceSignal[] = [...kinds];
  const reading = READING.test(text);
  if (reading) out.push('reading');
  if (!kinds.has('deadline') && SOON.test(text)) out.push('deadline');
  if (kinds.has('coldStore') && (reading || kinds.has('warming'))) out.push('coldChain');
  if ((kinds.has('fluidLoss') || kinds.has('release') || kinds.has('burning')) && (kinds.has('spreading') || kinds.has('productRisk') || kinds.has('injury') || kinds.has('cleared'))) out.push('escalating');
  const serious = ['trapped', 'injury', 'cleared', 'release', 'burning', 'fluidLoss', 'waiting', 'blocked', 'serviceLost', 'deadline', 'productRisk', 'compliance'] as const;
  if (!serious.some((k) => kinds.has(k)) && !out.includes('coldChain')) {
    if (kinds.has('amenity')) out.push('amenityOnly');
    else if (kinds.has('symptom')) out.push('symptomOnly');
  }
  if (out.length === 0) out.push('silent');
  return out;
}
