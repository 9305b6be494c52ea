/**
 * Scores assets against a query and decides: one clear winner, a short list to ask
 * about, or nothing. Never picks one asset when another fits equally well.
 */
import type { IndexData } from './build.js';
import { buildQuery, type Query } from './query.js';
import { SOFT } from './lexicon.js';
import { fold } from './text.js';
import type { AssetCandidate, Resolution, ResolveContext } from './types.js';

export const TUNING = {
  /** Share of the mention's weight an asset must cover to be a candidate at all. */
  minCoverage: 0.55,
  /** Bonus (share of the head word's weight) when the asset's own head noun is the mention's. */
  headBonus: 0.35,
  /** A winner must beat the runner-up by this much (absolute score) ... */
  minGap: 1.0,
  /** ... and by this share of its own score. */
  relGap: 0.05,
  maxChoices: 5,
};

export interface Scored {
  idx: number;
  score: number;
  coverage: number;
}

export class Scorer {
  private readonly total: Float64Array;
  private readonly termBest: Float64Array;
  private readonly mask: Int32Array;
  private readonly seen: Uint8Array;
  private touched: Int32Array;
  private nTouched = 0;

  constructor(private readonly d: IndexData) {
    this.total = new Float64Array(d.n);
    this.termBest = new Float64Array(d.n);
    this.mask = new Int32Array(d.n);
    this.seen = new Uint8Array(d.n);
    this.touched = new Int32Array(Math.min(d.n, 1024));
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

  /** All assets matching at least one query term, with raw scores and coverage; `valid` applies the must-match rules. */
  score(q: Query): { valid: Scored[]; all: Scored[] } {
    const d = this.d;
    const { postDocs, postW } = d;
    this.nTouched = 0;
    let requiredMask = 0;
    let siteMask = 0;
    const terms = q.terms.slice(0, 30);
    for (let ti = 0; ti < terms.length; ti++) {
      const term = terms[ti]!;
      const bit = 1 << ti;
      if (term.required) requiredMask |= bit;
      if (term.site) siteMask |= bit;
      const start = this.nTouched;
      const localTouched: number[] = [];
      for (const alt of term.alts) {
        const docs = postDocs[alt.f]!;
        const ws = postW[alt.f]!;
        const k = term.weight * alt.factor;
        for (let p = 0; p < docs.length; p++) {
          const doc = docs[p]!;
          const v = k * ws[p]!;
          if (this.termBest[doc] === 0) localTouched.push(doc);
          if (v > this.termBest[doc]!) this.termBest[doc] = v;
        }
      }
      void start;
      for (const doc of localTouched) {
        this.touch(doc);
        this.total[doc]! += this.termBest[doc]!;
        this.mask[doc]! |= bit;
        this.termBest[doc] = 0;
      }
    }
    const headAlts = q.head ? [q.head, ...(SOFT[q.head] ?? [])] : [];
    const headF = q.head ? d.featureIds.get('w:' + q.head) : undefined;
    const headW = headF !== undefined ? d.idf[headF]! : 0;
    const valid: Scored[] = [];
    const all: Scored[] = [];
    const denom = q.totalWeight > 0 ? q.totalWeight : 1;
    for (let t = 0; t < this.nTouched; t++) {
      const i = this.touched[t]!;
      let s = this.total[i]!;
      const m = this.mask[i]!;
      this.total[i] = 0;
      this.mask[i] = 0;
      this.seen[i] = 0;
      const coverage = Math.min(1, s / denom);
      if (headAlts.length && headAlts.includes(d.heads[i]!)) s += TUNING.headBonus * headW;
      const sc = { idx: i, score: s, coverage };
      all.push(sc);
      if ((m & requiredMask) !== requiredMask) continue;
      if ((m & siteMask) !== siteMask) continue;
      if (coverage < TUNING.minCoverage) continue;
      valid.push(sc);
    }
    valid.sort(byScore);
    all.sort(byScore);
    // the thing named is the head noun: "burner on the dry-off oven" is a burner, not the oven
    if (headAlts.length && valid.some((s) => headAlts.includes(d.heads[s.idx]!))) {
      return { valid: valid.filter((s) => headAlts.includes(d.heads[s.idx]!)), all };
    }
    return { valid, all };
  }
}

function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || a.idx - b.idx;
}

function inContext(d: IndexData, i: number, ctx: ResolveContext | undefined, hintWords: string[]): boolean {
  if (!ctx) return false;
  const a = d.assets[i]!;
  if (ctx.recentAssetIds?.includes(a.id)) return true;
  if (ctx.locationIds?.includes(d.locIds[i]!)) return true;
  if (hintWords.length) {
    const loc = fold(a.location?.name ?? '');
    if (hintWords.every((w) => loc.includes(w))) return true;
  }
  return false;
}

/** Tied candidates that a rare word elsewhere in the message points to (exactly one of them must have it). */
function byMessageContext(d: IndexData, tied: Scored[], words: readonly string[]): Scored[] {
  for (const w of words) {
    const f = d.featureIds.get('c:' + w);
    if (f === undefined || d.idf[f]! < 1.5) continue;
    const docs = d.postDocs[f]!;
    const hits = tied.filter((s) => binaryHas(docs, s.idx));
    if (hits.length === 1) return hits;
  }
  return tied;
}

function binaryHas(arr: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = arr[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function decide(d: IndexData, q: Query, scored: Scored[], ctx?: ResolveContext, contextWords?: readonly string[]): Resolution {
  if (scored.length === 0) return { decision: 'not_found', candidates: [] };
  const top = scored[0]!;
  const gap = Math.max(TUNING.minGap, TUNING.relGap * top.score);
  let tied = scored.filter((s) => s.score >= top.score - gap + 1e-9);
  if (tied.length > 1 && contextWords && contextWords.length) tied = byMessageContext(d, tied, contextWords);
  if (tied.length > 1 && ctx) {
    const hint = ctx.siteHint ? fold(ctx.siteHint).split(/[^a-z0-9]+/).filter((w) => w.length > 0) : [];
    const preferred = tied.filter((s) => inContext(d, s.idx, ctx, hint));
    if (preferred.length > 0 && preferred.length < tied.length) tied = preferred;
  }
  const toCandidate = (s: Scored): AssetCandidate => ({ asset: d.assets[s.idx]!, score: round(s.coverage) });
  if (tied.length === 1) return { decision: 'resolved', candidates: [toCandidate(tied[0]!)] };
  return { decision: 'ambiguous', candidates: tied.slice(0, TUNING.maxChoices).map(toCandidate) };
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
