/** What a code-only name ("BLR-1", "CH-1") is, read from the asset's category. */
import { EQUIPMENT, canonWord } from './lexicon.js';
import { analyze, type Term } from './terms.js';

/**
 * The kind a name that is only a code stands for, read from its category when the code's letters abbreviate
 * the category's equipment word ("BLR" of Boilers, "CH" of Chillers): same first letter, the rest in order.
 */
export function kindOf(terms: readonly Term[], end: number, category: string | undefined): { word: string; num?: string } | undefined {
  if (!category) return undefined;
  const own = terms.filter((t) => t.start < end);
  if (own.length !== 1 || own[0]!.kind !== 'tag') return undefined;
  const tag = own[0]!;
  const p = tag.prefix ?? '';
  if (p.length < 2 || canonWord(p) !== p) return undefined;
  for (const t of analyze(category)) {
    const k = t.w;
    if (t.kind !== 'word' || !EQUIPMENT.has(k) || k[0] !== p[0] || k === p) continue;
    let i = 0;
    for (let j = 0; j < k.length && i < p.length; j++) if (k[j] === p[i]) i++;
    if (i === p.length) return { word: k, ...(tag.num !== undefined ? { num: tag.num } : {}) };
  }
  return undefined;
}
