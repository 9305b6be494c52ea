/**
 * Asset resolution: an in-memory index over Atlas assets that turns a technician's
 * mention ("pump 301 in the boiler room", "AHU-2 hall b", "montacargas FLT-04") into
 * ranked candidates and a decision (resolved / ambiguous / not_found).
 */
import type { AssetRecord } from '../model.js';
import { buildIndexData } from './build.js';
import { buildQuery, type Query } from './query.js';
import type { IndexData } from './build.js';
import { Scorer, resolveWith, TUNING } from './resolve.js';
import { analyze } from './terms.js';
import { readWhole, retrieve } from './retrieve.js';
import { combine } from './combine.js';
import { byScope } from './scope.js';
import { guardMissing, guardPick } from './guard.js';
import { locateMention, type LocatedMention, type LocateOptions } from './mention.js';
import type { AssetCandidate, AssetIndex, Resolution, ResolveContext } from './types.js';

export type { LocatedMention, LocateOptions } from './mention.js';

/** The index built here can also find the asset mention inside a whole message. */
export interface LocatingAssetIndex extends AssetIndex {
  locate(text: string, opts?: LocateOptions, ctx?: ResolveContext): LocatedMention | null;
}

export function canLocate(idx: AssetIndex): idx is LocatingAssetIndex {
  return typeof (idx as Partial<LocatingAssetIndex>).locate === 'function';
}

export type { AssetCandidate, AssetIndex, Resolution, ResolveContext, ResolveDecision } from './types.js';

export function buildAssetIndex(assets: readonly AssetRecord[]): LocatingAssetIndex {
  const data = buildIndexData(assets);
  const scorer = new Scorer(data);
  return {
    size: data.n,
    resolve(mention: string, ctx?: ResolveContext): Resolution {
      return resolveWith(data, scorer, mention, ctx);
    },
    locate(text: string, opts: LocateOptions = {}, ctx?: ResolveContext) {
      const terms = analyze(text);
      const phrase = locateMention(data, scorer, text, opts, ctx, terms);
      const whole = readWhole(data, terms, retrieve(data, scorer, terms, opts.exclude ?? []), ctx);
      const out = combine(text, phrase, whole);
      return out ? guardMissing(data, terms, guardPick(data, terms, byScope(data, terms, out, opts.exclude ?? [])), opts.exclude ?? []) : out;
    },
    search(query: string, limit = 10): AssetCandidate[] {
      const q = buildQuery(data, query);
      if (q.terms.length === 0) return [];
      const { all } = scorer.score(q, true);
      // the score shown is the ranking score scaled to 0..1 (a monotone map), so results read best first by it
      const max = searchCeiling(data, q);
      return all.slice(0, Math.max(0, limit)).map((s) => ({
        asset: data.assets[s.idx]!,
        score: Math.round(Math.min(1, s.score / max) * 1000) / 1000,
      }));
    },
  };
}

/** The most a query can score: every term matched at full weight, plus the head-noun bonus. */
function searchCeiling(d: IndexData, q: Query): number {
  let max = 0;
  for (const t of q.terms) max += t.weight;
  const headF = q.head ? d.featureIds.get('w:' + q.head) : undefined;
  if (headF !== undefined) max += TUNING.headBonus * d.idf[headF]!;
  return max > 0 ? max : 1;
}
