/**
 * Text primitives shared by asset indexing and message understanding:
 * accent-insensitive normalisation and a tokenizer that keeps character offsets.
 */

/** Lower-case, strip diacritics, ß → ss. Keeps length-independent semantics only for words. */
const PLAIN = /^[\x00-\x7f]*$/;

export function fold(s: string): string {
  if (PLAIN.test(s)) return s.toLowerCase();
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss');
}

export interface Token {
  /** Folded text of the run (letters and/or digits). */
  t: string;
  start: number;
  end: number;
  /** Characters between the previous token and this one (raw). */
  sep: string;
  hasDigit: boolean;
  hasLetter: boolean;
}

const RUN = /[\p{L}\p{N}]+/gu;
const RUN_ASCII = /[A-Za-z0-9]+/g;
const DIGIT = /\d/;
const LETTER = /\p{L}/u;
const LETTER_ASCII = /[a-z]/;

/** A-Z, a-z or 0-9. */
function alnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** tokenize() of plain-ASCII text by character codes: the same runs as RUN_ASCII, without a regex per token. */
function tokenizeAscii(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!alnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let digit = false;
    let letter = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) digit = true;
      else if (alnum(c)) letter = true;
      else break;
    }
    // contractions: "won't", "i'll", "it's" — the tail is not a word of its own
    if (i - start <= 2 && !digit && /^['’]$/.test(text.slice(last, start))) {
      last = i;
      continue;
    }
    out.push({ t: text.slice(start, i).toLowerCase(), start, end: i, sep: text.slice(last, start), hasDigit: digit, hasLetter: letter });
    last = i;
  }
  return out;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  const ascii = PLAIN.test(text);
  if (ascii) return tokenizeAscii(text);
  const run = ascii ? RUN_ASCII : RUN;
  const letter = ascii ? LETTER_ASCII : LETTER;
  run.lastIndex = 0;
  for (let m = run.exec(text); m !== null; m = run.exec(text)) {
    const raw = m[0];
    // contractions: "won't", "i'll", "it's" — the tail is not a word of its own
    if (raw.length <= 2 && /^['’]$/.test(text.slice(last, m.index)) && /^[a-z]+$/i.test(raw)) {
      last = m.index + raw.length;
      continue;
    }
    const t = ascii ? raw.toLowerCase() : fold(raw); // fold of plain ASCII is its lower case
    out.push({
      t,
      start: m.index,
      end: m.index + raw.length,
      sep: text.slice(last, m.index),
      hasDigit: DIGIT.test(t),
      hasLetter: letter.test(t),
    });
    last = m.index + raw.length;
  }
  return out;
}

/** "0042" → "42"; keeps "0". */
export function normNum(d: string): string {
  const s = d.replace(/^0+/, '');
  return s === '' ? '0' : s;
}

/** Compact tag form: letters and digit groups, leading zeros stripped: "FLT-04" → "flt4", "MCC-P1" → "mccp1". */
export function compactTag(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, '')
    .replace(/\d+/g, (d) => normNum(d));
}

/** True when a separator only joins parts of one code ("-", "", "#", "/", "."), not words. */
export function isJoiner(sep: string): boolean {
  return sep === '' || sep === '-' || sep === '#' || sep === '–' || sep === '_';
}

/** Separator contains a clause boundary (sentence or list punctuation). */
export function isBoundary(sep: string): boolean {
  return /[.,;:!?()\[\]\n|]/.test(sep);
}
