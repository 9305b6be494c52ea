/**
 * Scores assets against a query and decides: one clear winner, a short list to ask
 * about, or nothing. Never picks one asset when another fits equally well.
 */
import type { IndexData } from './build.js';
import { buildQuery, type Query } from './query.js';
import { byCover } from './cover.js';
import { SOFT, STOP } from './lexicon.js';
import { fold } from './text.js';
import { isTwin, type Matched } from './twins.js';
import type { AssetCandidate, Resolution, ResolveContext } from './types.js';

export const TUNING = {
  /** Share of the mention's weight an asset must cover to be a candidate at all. */
  minCoverage: 0.55,
  /** Bonus (share of the head word's weight) when the asset's own head noun is the mention's. */
  headBonus: 0.35,
  /** A winner must beat the runner-up by minGap (about one matched word), or relGap of its score if more. */
  minGap: 1.0,
  relGap: 0.05,
  maxChoices: 6,
};

/** How far ahead the best must be to be the one meant. */
export function gapFor(top: number): number {
  return Math.max(TUNING.minGap, TUNING.relGap * top);
}

export interface Scored {
  idx: number;
  score: number;
  coverage: number;
  /** Bits of the query terms this asset matched (in `all` only). */
  mask?: number;
  /** Bits of the query terms matched at the strength of the asset's own name or code (field weight ≥ 0.9). */
  strong?: number;
}

/** Field weight from which a match counts as the asset's own name or code (see FIELD in build.ts). */
export const STRONG_FIELD = 0.95; // the own name and the ids fields (1.0); weights are stored as float32

export class Scorer {
  private readonly total: Float64Array;
  /** Score from optional terms (adjectives, phrases): ranks, but never counts towards coverage. */
  private readonly bonus: Float64Array;
  private readonly termBest: Float64Array;
  private readonly mask: Int32Array;
  private readonly strong: Int32Array;
  private readonly seen: Uint8Array;
  private touched: Int32Array;
  private nTouched = 0;
  /** Each asset's head noun as a number (equal heads, equal numbers): compared per touched asset. */
  private readonly headIds: Int32Array;
  private readonly headIdOf = new Map<string, number>();

  constructor(private readonly d: IndexData) {
    this.total = new Float64Array(d.n);
    this.bonus = new Float64Array(d.n);
    this.termBest = new Float64Array(d.n);
    this.mask = new Int32Array(d.n);
    this.strong = new Int32Array(d.n);
    this.seen = new Uint8Array(d.n);
    this.touched = new Int32Array(Math.min(d.n, 1024));
    this.headIds = new Int32Array(d.n);
    for (let i = 0; i < d.n; i++) {
      const h = d.heads[i]!;
      let id = this.headIdOf.get(h);
      if (id === undefined) this.headIdOf.set(h, (id = this.headIdOf.size));
      this.headIds[i] = id;
    }
    this.local = new Int32Array(d.n);
  }

  private readonly local: Int32Array;
  private readonly drive = { small: true, anyDriver: true, forced: -1, cap: 0 };

  /** Whether a feature's postings are walked (rare) or only probed for candidates (common). */
  private drives(f: number): boolean {
    const dr = this.drive;
    if (dr.small) return true;
    const z = this.d.postOff[f + 1]! - this.d.postOff[f]!;
    return dr.anyDriver ? z <= dr.cap : f === dr.forced;
  }

  private touch(i: number): void {
    if (this.seen[i]) return;
    this.seen[i] = 1;
    if (this.nTouched === this.touched.length) {
      const next = new Int32Array(Math.min(this.d.n, this.touched.length * 2));
      next.set(this.touched);
      this.touched = next;
    }
    this.touched[this.nTouched++] = i;
  }

  /**
   * Assets matching the query. `valid`: those passing the must-match rules and close enough to the best to be
   * candidates, best first. `all` (every asset touched, best first) only when asked, for search. `wantValid`
   * false: `valid` is left empty (for callers that only read `all`).
   */
  score(q: Query, wantAll = false, sortAll = true, keep?: (i: number, mask: number, strong: number) => boolean, wantValid = true): { valid: Scored[]; all: Scored[] } {
    const d = this.d;
    const { postOff, postDocs, postW } = d;
    this.nTouched = 0;
    let requiredMask = 0;
    let siteMask = 0;
    const terms = q.terms.length > 30 ? q.terms.slice(0, 30) : q.terms;
    // rare features drive candidate generation; very common ones ("plant", "line", "#2") are only
    // looked up for the candidates the rare ones found, by binary search in their postings
    const cap = Math.max(2000, d.n >> 4);
    const small = d.n <= cap; // every feature drives in a small registry
    let anyDriver = small;
    if (!small) for (const term of terms) for (const a of term.alts) if (postOff[a.f + 1]! - postOff[a.f]! <= cap) anyDriver = true;
    let forced = -1; // when every feature is common, the smallest one drives
    if (!anyDriver) {
      let bestSize = Infinity;
      for (const term of terms) {
        for (const a of term.alts) {
          const z = postOff[a.f + 1]! - postOff[a.f]!;
          if (z < bestSize) {
            bestSize = z;
            forced = a.f;
          }
        }
      }
    }
    this.drive.small = small;
    this.drive.anyDriver = anyDriver;
    this.drive.forced = forced;
    this.drive.cap = cap;
    for (let ti = 0; ti < terms.length; ti++) {
      const term = terms[ti]!;
      const bit = 1 << ti;
      if (term.required) requiredMask |= bit;
      if (term.site) siteMask |= bit;
      let nLocal = 0;
      const local = this.local;
      for (const alt of term.alts) {
        if (!this.drives(alt.f)) continue;
        const k = term.weight * alt.factor;
        const to = postOff[alt.f + 1]!;
        for (let p = postOff[alt.f]!; p < to; p++) {
          const doc = postDocs[p]!;
          const v = k * postW[p]!;
          const cur = this.termBest[doc]!;
          if (cur === 0) local[nLocal++] = doc;
          if (v > cur) this.termBest[doc] = v;
          if (postW[p]! >= STRONG_FIELD && alt.factor >= 0.6) this.strong[doc]! |= bit;
        }
      }
      for (let li = 0; li < nLocal; li++) {
        const doc = local[li]!;
        this.touch(doc);
        if (term.optional) this.bonus[doc]! += this.termBest[doc]!;
        else this.total[doc]! += this.termBest[doc]!;
        this.mask[doc]! |= bit;
        this.termBest[doc] = 0;
      }
    }
    // common features: for each candidate lacking the term, probe by binary search, or walk the
    // postings once when that is cheaper (many candidates)
    for (let ti = 0; ti < terms.length && !small; ti++) {
      const term = terms[ti]!;
      const bit = 1 << ti;
      let nLocal = 0;
      const local = this.local;
      for (const alt of term.alts) {
        if (this.drives(alt.f)) continue;
        const from = postOff[alt.f]!;
        const to = postOff[alt.f + 1]!;
        const k = term.weight * alt.factor;
        const size = to - from;
        if (size < this.nTouched * Math.log2(size + 2)) {
          for (let p = from; p < to; p++) {
            const doc = postDocs[p]!;
            if (!this.seen[doc] || this.mask[doc]! & bit) continue;
            const v = k * postW[p]!;
            const cur = this.termBest[doc]!;
            if (cur === 0) local[nLocal++] = doc;
            if (v > cur) this.termBest[doc] = v;
            if (postW[p]! >= STRONG_FIELD && alt.factor >= 0.6) this.strong[doc]! |= bit;
          }
          continue;
        }
        for (let t = 0; t < this.nTouched; t++) {
          const doc = this.touched[t]!;
          if (this.mask[doc]! & bit) continue; // a rarer, more specific feature of this term already matched
          let lo = from;
          let hi = to - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const x = postDocs[mid]!;
            if (x === doc) {
              const v = k * postW[mid]!;
              const cur = this.termBest[doc]!;
              if (cur === 0) local[nLocal++] = doc;
              if (v > cur) this.termBest[doc] = v;
              if (postW[mid]! >= STRONG_FIELD && alt.factor >= 0.6) this.strong[doc]! |= bit;
              break;
            }
            if (x < doc) lo = mid + 1;
            else hi = mid - 1;
          }
        }
      }
      for (let li = 0; li < nLocal; li++) {
        const doc = local[li]!;
        if (term.optional) this.bonus[doc]! += this.termBest[doc]!;
        else this.total[doc]! += this.termBest[doc]!;
        this.mask[doc]! |= bit;
        this.termBest[doc] = 0;
      }
    }
    const headAlts = q.head ? [q.head, ...(SOFT[q.head] ?? [])] : [];
    // the same test by number: a head id of the mention's head or a synonym (-1: none an asset has)
    const headAltIds: number[] = [];
    for (const h of headAlts) headAltIds.push(this.headIdOf.get(h) ?? -1);
    const qHeadId = q.head ? (this.headIdOf.get(q.head) ?? -1) : -1;
    const headIds = this.headIds;
    const headF = q.head ? d.featureIds.get('w:' + q.head) : undefined;
    const headW = headF !== undefined ? d.idf[headF]! : 0;
    const denom = q.totalWeight > 0 ? q.totalWeight : 1;
    const all: Scored[] = [];
    // pass 1: final scores in place; which assets pass the must-match rules; the best score
    // (among assets whose own head noun is the mention's, when there are any)
    let anyHead = false;
    let topAny = -Infinity;
    let topHead = -Infinity;
    let topAnyIdx = -1;
    let topHeadIdx = -1;
    const passed = this.local;
    let nPassed = 0;
    for (let t = 0; t < this.nTouched; t++) {
      const i = this.touched[t]!;
      const raw = this.total[i]!;
      const m = this.mask[i]!;
      const coverage = Math.min(1, raw / denom);
      let sc = raw + this.bonus[i]!;
      this.bonus[i] = 0;
      if (headAltIds.length && headAltIds.includes(headIds[i]!)) sc += TUNING.headBonus * headW;
      this.termBest[i] = coverage; // reused as scratch: coverage of touched assets
      this.total[i] = sc;
      if (wantAll && (keep === undefined || keep(i, m, this.strong[i]!))) all.push({ idx: i, score: sc, coverage, mask: m, strong: this.strong[i]! });
      if ((m & requiredMask) !== requiredMask || (m & siteMask) !== siteMask || coverage < TUNING.minCoverage) continue;
      passed[nPassed++] = i;
      if (sc > topAny) {
        topAny = sc;
        topAnyIdx = i;
      }
      if (q.head && headIds[i] === qHeadId) {
        anyHead = true;
        if (sc > topHead) {
          topHead = sc;
          topHeadIdx = i;
        }
      }
    }
    // pass 2: only the assets close to the best become candidates
    // the thing named is the head noun: "burner on the dry-off oven" is a burner, not the oven
    const top = anyHead ? topHead : topAny;
    const topIdx = anyHead ? topHeadIdx : topAnyIdx;
    const topStrong = topIdx >= 0 ? this.strong[topIdx]! : 0;
    const gap = gapFor(top);
    const valid: Scored[] = [];
    for (let k = 0; k < nPassed && wantValid; k++) {
      const i = passed[k]!;
      const sc = this.total[i]!;
      if (anyHead && headIds[i] !== qHeadId) continue;
      // assets named by the same words as the best stay in reach: only a placing word may set them apart (twins.ts)
      if (sc < top - gap - 1e-9 && (topStrong === 0 || this.strong[i] !== topStrong)) continue;
      valid.push({ idx: i, score: sc, coverage: this.termBest[i]!, mask: this.mask[i]!, strong: this.strong[i]! });
    }
    for (let t = 0; t < this.nTouched; t++) {
      const i = this.touched[t]!;
      this.total[i] = 0;
      this.mask[i] = 0;
      this.strong[i] = 0;
      this.seen[i] = 0;
      this.termBest[i] = 0;
    }
    valid.sort(byScore);
    if (wantAll && sortAll) all.sort(byScore);
    return { valid, all };
  }
}

function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || a.idx - b.idx;
}

export function inContext(d: IndexData, i: number, ctx: ResolveContext | undefined, hintWords: string[]): boolean {
  if (!ctx) return false;
  const a = d.assets[i]!;
  if (ctx.recentAssetIds?.includes(a.id)) return true;
  if (ctx.locationIds?.includes(d.locIds[i]!)) return true;
  if (hintWords.length) {
    const loc = new Set(fold(a.location?.name ?? '').split(/[^a-z0-9]+/));
    if (hintWords.every((w) => loc.has(w))) return true;
  }
  return false;
}

/**
 * Tied candidates that rare words elsewhere in the message point to ("the boiler at Hillcrest"): those that
 * have the most of them (by weight), when that is some but not all of the tied.
 */
function byMessageContext(d: IndexData, tied: Scored[], words: readonly string[]): Scored[] {
  if (tied.length > 200) return tied;
  const cues: Array<[string, number]> = [];
  for (const w of words) {
    const f = d.featureIds.get(w.includes('#') ? 'n:' + w : 'w:' + w);
    if (f === undefined || d.idf[f]! < 1.5 || STOP.has(w)) continue;
    cues.push([w, d.idf[f]!]);
  }
  if (cues.length === 0) return tied;
  let best = 0;
  const sc = tied.map((s) => {
    const ctx = d.contextOf(s.idx);
    let v = 0;
    for (const [w, idf] of cues) if (ctx.has(w)) v += idf;
    best = Math.max(best, v);
    return v;
  });
  if (best <= 0) return tied;
  const kept = tied.filter((_, i) => sc[i]! >= best - 1e-9);
  return kept.length < tied.length ? kept : tied;
}

export function decide(d: IndexData, q: Query, scored: Scored[], ctx?: ResolveContext, contextWords?: readonly string[]): Resolution {
  if (scored.length === 0) return { decision: 'not_found', candidates: [] };
  let top = scored[0]!;
  for (const s of scored) if (byScore(s, top) < 0) top = s;
  const gap = gapFor(top.score);
  // (no named closures here: tsx gives each a __name call per message)
  let tied = scored.filter((s) => s.score >= top.score - gap + 1e-9 || (s.mask !== undefined && top.mask !== undefined && isTwin(d, q.terms, top as Matched, s as Matched))).sort(byScore);
  if (tied.length > 1 && contextWords && contextWords.length) tied = byMessageContext(d, tied, contextWords);
  if (tied.length > 1 && ctx) {
    const hint = ctx.siteHint ? fold(ctx.siteHint).split(/[^a-z0-9]+/).filter((w) => w.length > 0) : [];
    const preferred = tied.filter((s) => inContext(d, s.idx, ctx, hint));
    if (preferred.length > 0 && preferred.length < tied.length) tied = preferred;
  }
  if (tied.length === 1) return { decision: 'resolved', candidates: [toCandidate(d, tied[0]!)] };
  return { decision: 'ambiguous', candidates: byCover(d, q.terms, tied).slice(0, TUNING.maxChoices).map((s) => toCandidate(d, s)) };
}

function toCandidate(d: IndexData, s: Scored): AssetCandidate {
  return { asset: d.assets[s.idx]!, score: round(s.coverage) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export const EITHER = /\b(\d+)\s*(?:or|o|ou|oder|\/)\s*(\d+)\b/i;

export function resolveWith(d: IndexData, scorer: Scorer, mention: string, ctx?: ResolveContext): Resolution {
  const either = EITHER.exec(mention);
  if (either) {
    // "weld cell 7 or 8 robot": the writer is unsure, so offer both
    const a = resolveOne(d, scorer, mention.replace(EITHER, either[1]!), ctx);
    const b = resolveOne(d, scorer, mention.replace(EITHER, either[2]!), ctx);
    const merged = [...a.candidates, ...b.candidates].filter((c, i, arr) => arr.findIndex((x) => x.asset.id === c.asset.id) === i);
    if (merged.length === 0) return { decision: 'not_found', candidates: [] };
    if (merged.length === 1) return { decision: 'resolved', candidates: merged };
    return { decision: 'ambiguous', candidates: merged.slice(0, TUNING.maxChoices) };
  }
  return resolveOne(d, scorer, mention, ctx);
}

function resolveOne(d: IndexData, scorer: Scorer, mention: string, ctx?: ResolveContext): Resolution {
  const q = buildQuery(d, mention);
  if (q.terms.length === 0) return { decision: 'not_found', candidates: [] };
  const { valid } = scorer.score(q);
  return decide(d, q, valid, ctx);
}
