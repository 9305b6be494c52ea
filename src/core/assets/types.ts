import type { AssetRecord } from '../model.js';

export interface ResolveContext {
  /** Locations the technician works in (or reported from recently): their assets win ties. */
  locationIds?: number[];
  /** Free-text site or area hint, e.g. "Eastgate DC" or "Hall B". */
  siteHint?: string;
  /** Assets the technician reported recently: they win ties. */
  recentAssetIds?: number[];
}

/** score in 0..1, best first */
export interface AssetCandidate {
  asset: AssetRecord;
  score: number;
}

export type ResolveDecision = 'resolved' | 'ambiguous' | 'not_found';

/** resolved: candidates[0] is the pick; ambiguous: 1..6 candidates to offer as buttons (one when only the whole message, not a phrase, names it). */
export interface Resolution {
  decision: ResolveDecision;
  candidates: AssetCandidate[];
}

export interface AssetIndex {
  readonly size: number;
  resolve(mention: string, ctx?: ResolveContext): Resolution;
  /** For a "search assets" API: ranked, best first. */
  search(query: string, limit?: number): AssetCandidate[];
}
