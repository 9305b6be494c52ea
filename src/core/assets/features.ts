/**
 * Feature extraction shared by documents (asset fields) and queries (mentions).
 * Feature keys:
 *   w:<word>          canonical word
 *   n:<word>#<id>     identifier bound to the word before it ("pump#301", "hall#a", "door#8")
 *   #<id>             identifier number on its own
 *   t:<code>          compact tag ("pr102", "flt4", "mccp1")
 *   r:<unit>#<n>      rating ("r:ton#80", "r:kva#150")
 *   s:<word>          word of the asset's site (first segment of its location name)
 */
import { STOP, canonWord } from './lexicon.js';
import { isStop, type Term } from './terms.js';

export type FeatureSink = (key: string, weight: number) => void;

/** Previous bindable words for term i: up to two words directly before it in the same clause. */
export function boundWords(terms: readonly Term[], i: number): string[] {
  const out: string[] = [];
  for (let k = i - 1; k >= 0 && out.length < 2; k--) {
    const t = terms[k]!;
    if (terms[k + 1]!.boundary) break;
    if (t.kind !== 'word') break;
    if (STOP.has(t.raw)) break;
    out.push(t.w);
  }
  return out;
}

/**
 * Emit document features for a term list. weightAt gives the field weight of each term.
 * vocab maps a tag prefix to head words learned from the registry ("wc" → "cell").
 */
export function docFeatures(
  terms: readonly Term[],
  weightAt: (t: Term) => number,
  sink: FeatureSink,
  vocab?: ReadonlyMap<string, readonly string[]>,
): void {
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const fw = weightAt(t);
    switch (t.kind) {
      case 'word':
        if (!isStop(t) && t.w.length >= 2) sink('w:' + t.w, fw);
        break;
      case 'letter': {
        const b = boundWords(terms, i);
        if (b[0] !== undefined) sink('n:' + b[0] + '#' + t.w, fw);
        break;
      }
      case 'num': {
        sink('#' + t.w, fw);
        for (const w of boundWords(terms, i)) sink('n:' + w + '#' + t.w, fw);
        break;
      }
      case 'rating':
        sink('r:' + t.w + '#' + t.num, fw);
        break;
      case 'tag': {
        sink('t:' + t.w, fw);
        if (t.num !== undefined) {
          sink('#' + t.num, fw * 0.8);
          if (t.prefix) {
            sink('n:' + t.prefix + '#' + t.num, fw);
            const c = canonWord(t.prefix);
            if (c !== t.prefix) sink('n:' + c + '#' + t.num, fw);
            const heads = vocab?.get(t.prefix);
            if (heads) for (const h of heads) sink("n:" + h + "#" + t.num, fw);
          }
          for (const w of boundWords(terms, i)) sink('n:' + w + '#' + t.num, fw);
        }
        // "AHU-N4-11" is also "AHU-11" to the people who work next to it
        if (t.short) sink('n:' + t.short[0] + '#' + t.short[1], fw);
        if (t.prefix && t.prefix.length >= 2) {
          sink('w:' + t.prefix, fw * 0.9);
          const c = canonWord(t.prefix);
          if (c !== t.prefix) sink('w:' + c, fw * 0.9);
        }
        break;
      }
    }
  }
}

/** Adjacent word pairs in one clause ("b:boiler feed", "b:feed pump"): phrases, for descriptions and mentions. */
export function bigrams(terms: readonly Term[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < terms.length; i++) {
    const a = terms[i - 1]!;
    const b = terms[i]!;
    if (a.kind !== 'word' || b.kind !== 'word' || b.boundary || isStop(a) || isStop(b)) continue;
    out.push('b:' + a.w + ' ' + b.w);
  }
  return out;
}
