/**
 * Typo and abbreviation lookup over the index vocabulary: symmetric-delete for edit distance 1
 * (with transpositions) and sorted-prefix search for abbreviations ("maint" → maintenance).
 */
export class Vocabulary {
  private readonly deletes = new Map<string, string[]>();
  private readonly sorted: string[];
  private readonly words: Set<string>;

  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    this.sorted = [...this.words].sort();
    for (const w of this.words) {
      if (w.length < 4 || !/^[a-z]+$/.test(w)) continue;
      this.addDelete(w, w);
      for (let i = 0; i < w.length; i++) this.addDelete(w.slice(0, i) + w.slice(i + 1), w);
    }
  }

  has(w: string): boolean {
    return this.words.has(w);
  }

  private addDelete(key: string, w: string): void {
    const list = this.deletes.get(key);
    if (list === undefined) this.deletes.set(key, [w]);
    else if (!list.includes(w)) list.push(w);
  }

  private readonly nearMemo = new Map<string, string[]>();

  /** Vocabulary words within Damerau-Levenshtein distance 1 of q (q itself excluded). Memoised. */
  near(q: string): string[] {
    if (q.length < 4) return [];
    const memo = this.nearMemo.get(q);
    if (memo !== undefined) return memo;
    const r = this.computeNear(q);
    if (this.nearMemo.size > 20_000) this.nearMemo.clear();
    this.nearMemo.set(q, r);
    return r;
  }

  private computeNear(q: string): string[] {
    const found = new Set<string>();
    const probe = (k: string) => {
      const l = this.deletes.get(k);
      if (l) for (const w of l) if (w !== q && dl1(q, w)) found.add(w);
    };
    probe(q);
    for (let i = 0; i < q.length; i++) probe(q.slice(0, i) + q.slice(i + 1));
    return [...found];
  }

  /** Up to `limit` vocabulary words that start with q (q itself excluded). */
  withPrefix(q: string, limit = 4): string[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < q) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && out.length < limit; i++) {
      const w = this.sorted[i]!;
      if (!w.startsWith(q)) break;
      if (w !== q) out.push(w);
    }
    return out;
  }
}

/** True when a and b are within Damerau-Levenshtein distance 1. */
export function dl1(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
