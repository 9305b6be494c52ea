/**
 * The understanding layer bound to the live asset catalog: the index is rebuilt lazily when the
 * catalog reloads, and a mention that matches nothing asks the catalog to refresh.
 */
import type { AssetCatalog } from '../ports.js';
import { createAssetLookup, type AssetLookup } from '../asset-lookup.js';
import { interpret } from '../understanding/index.js';
import type { FlowInterpretation, FlowResolution, FlowResolveContext } from './types.js';

export interface Understanding {
  understand(text: string, ctx: FlowResolveContext): FlowInterpretation;
  resolveAsset(mention: string, ctx: FlowResolveContext): FlowResolution;
}

/** `lookup` is shared with other readers of the catalog (the REST API), so one index serves all. */
export function createUnderstanding(catalog: AssetCatalog, lookup: AssetLookup = createAssetLookup(catalog)): Understanding {
  const current = () => lookup.index();
  const missed = (r: FlowResolution | null | undefined, mention: string) => {
    if (r?.decision === 'not_found') catalog.requestRefresh(`no asset matches "${mention.slice(0, 40)}"`);
  };
  return {
    understand(text, ctx) {
      const i = interpret(text, { assets: current(), resolveContext: ctx });
      if (i.asset) missed(i.asset.resolution, i.asset.mention);
      return i;
    },
    resolveAsset(mention, ctx) {
      const r = current().resolve(mention, ctx);
      missed(r, mention);
      return r;
    },
  };
}
