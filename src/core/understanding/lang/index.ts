/**
 * The language packs (en, es, pt, de) and what understanding builds from them: language
 * detection and the multilingual cue classes the model reads. `EQUIPMENT_WORDS` is every
 * pack's equipment vocabulary (foreign noun → English word) for asset matching to import.
 */
import { fold } from '../../assets/text.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { pt } from './pt.js';
import type { CueClass, Language, LanguagePack } from './types.js';

export type { CueClass, Language, LanguagePack } from './types.js';
export { CUE_CLASSES } from './types.js';

export const PACKS: Readonly<Record<Language, LanguagePack>> = { en, es, pt, de };
export const LANGUAGES = Object.keys(PACKS) as Language[];

/** Foreign equipment nouns → English, all packs merged (first pack wins on a clash). */
export const EQUIPMENT_WORDS: Readonly<Record<string, string>> = Object.assign({}, ...[de, pt, es].map((p) => p.equipment));

// --- cue lookup: phrases of 1–3 words, and prefixes ("leak*") ---
const phrases = new Map<string, CueClass[]>();
const prefixes = new Map<string, CueClass[]>();
for (const pack of Object.values(PACKS)) {
  for (const [cls, list] of Object.entries(pack.cues) as Array<[CueClass, readonly string[]]>) {
    for (const raw of list) {
      const p = fold(raw).replace(/['’]/g, '');
      const target = p.endsWith('*') ? prefixes : phrases;
      const key = p.endsWith('*') ? p.slice(0, -1) : p;
      const had = target.get(key) ?? [];
      if (!had.includes(cls)) target.set(key, [...had, cls]);
    }
  }
}
/** First words of multi-word phrases (only those start a longer lookup). */
const starts = new Set<string>();
for (const key of phrases.keys()) if (key.includes(' ')) starts.add(key.slice(0, key.indexOf(' ')));

/** Prefixes by their first three letters. */
const prefixesByStart = new Map<string, Array<[string, CueClass[]]>>();
for (const [key, cls] of prefixes) {
  const k = key.slice(0, 3);
  prefixesByStart.set(k, [...(prefixesByStart.get(k) ?? []), [key, cls]]);
}

/** What one word fires on its own: its phrase entry, its prefixes, and whether it may start a longer phrase. */
interface WordCues {
  own: readonly CueClass[] | undefined;
  prefixed: readonly CueClass[] | undefined;
  starts: boolean;
}

/** Words seen before and what they fire (a word's cues never change); cleared when it grows large. */
const wordCache = new Map<string, WordCues>();
const WORD_CACHE_MAX = 50_000;

function wordCues(w: string): WordCues {
  let c = wordCache.get(w);
  if (c === undefined) {
    let prefixed: CueClass[] | undefined;
    if (w.length >= 3) {
      const cands = prefixesByStart.get(w.slice(0, 3));
      if (cands) for (const [key, cls] of cands) if (w.startsWith(key)) (prefixed ??= []).push(...cls);
    }
    c = { own: phrases.get(w), prefixed, starts: starts.has(w) };
    if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
    wordCache.set(w, c);
  }
  return c;
}

/** Cue classes the words of a folded text fire, once each, in order of first appearance. */
export function cueClasses(words: readonly string[]): CueClass[] {
  const out: CueClass[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const c = wordCues(w);
    addNew(out, c.own);
    if (i + 1 < words.length && c.starts) {
      const two = `${w} ${words[i + 1]}`;
      addNew(out, phrases.get(two));
      if (i + 2 < words.length) addNew(out, phrases.get(`${two} ${words[i + 2]}`));
    }
    addNew(out, c.prefixed);
  }
  return out;
}

function addNew(out: CueClass[], cs: readonly CueClass[] | undefined): void {
  if (cs) for (const c of cs) if (!out.includes(c)) out.push(c);
}

// --- language detection ---
/** For each marker word, the languages it marks. */
const markedBy = new Map<string, Language[]>();
for (const l of LANGUAGES) for (const m of new Set(PACKS[l].markers)) markedBy.set(m, [...(markedBy.get(m) ?? []), l]);
const distinctive = new Map<Language, Set<string>>(LANGUAGES.map((l) => [l, new Set(PACKS[l].distinctive)]));

/** The runs of [a-z0-9] of a folded text (what split(/[^a-z0-9]+/) keeps), without a regex. */
function words(f: string): string[] {
  const out: string[] = [];
  let from = -1;
  for (let i = 0; i <= f.length; i++) {
    const c = i < f.length ? f.charCodeAt(i) : 0;
    const inWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (inWord) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      out.push(f.slice(from, i));
      from = -1;
    }
  }
  return out;
}

/**
 * Which language a message is written in, by counting each pack's marker words. Short or mixed
 * messages default to English; Spanish and Portuguese are told apart by their distinctive words
 * and letters (ñ ¿ ¡ vs ã õ ç).
 */
export function detectLanguage(text: string): Language {
  const toks = words(fold(text));
  if (toks.length === 0) return 'en';
  const counts = { en: 0, es: 0, pt: 0, de: 0 };
  for (const t of toks) {
    const ls = markedBy.get(t);
    if (ls !== undefined) for (const l of ls) counts[l]++;
  }
  let best: Language = 'en';
  let bestN = 0;
  for (const l of ['es', 'pt', 'de'] as const) {
    if (counts[l] > bestN) {
      best = l;
      bestN = counts[l];
    }
  }
  if (bestN === 0 || counts.en > bestN) return 'en';
  if (best === 'es' || best === 'pt') {
    const isPt = /[ãõç]/.test(text) || toks.some((t) => distinctive.get('pt')!.has(t));
    const isEs = /[ñ¿¡]/.test(text) || toks.some((t) => distinctive.get('es')!.has(t));
    if (isPt && !isEs) return 'pt';
    if (isEs && !isPt) return 'es';
  }
  return best;
}
