/**
 * Places are often called by their initials: "the CUP" for Central Utility Plant, "NT 733" for North Tower,
 * "in the HSC" for Halvorsen Science Center, "the DC" for Hartwell Distribution Center. The initials of each
 * part of a location name (and of its last words, "Distribution Center") are indexed as words of the place.
 */
import { STOP, canonWord } from './lexicon.js';
import { fold } from './text.js';

/** Two-letter initials that are everyday words: never taken for a place. */
const SHORT_WORDS = new Set('am an as at be by do go he if in is it me my no of on or so to up us we'.split(' '));

export function initialsOf(locationName: string): string[] {
  const out = new Set<string>();
  for (const part of fold(locationName).split(' - ')) {
    const words = part.split(/[^a-z0-9]+/).filter((w) => w.length > 0 && !STOP.has(w) && w !== 'and');
    if (words.some((w) => /\d/.test(w))) continue; // "Store 107", "Rm 118": numbered, not named
    for (let k = 0; k + 2 <= words.length; k++) {
      const s = words.slice(k).map((w) => w[0]).join('');
      if (s.length < 2 || s.length > 4 || SHORT_WORDS.has(s) || (k > 0 && s.length < 2)) continue;
      out.add(canonWord(s));
    }
  }
  return [...out];
}
