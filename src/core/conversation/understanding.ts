/**
 * The understanding layer bound to the live asset catalog: the index is rebuilt lazily when the
 * catalog reloads, and a mention that matches nothing asks the catalog to refresh. An unsure
 * reading gets a second opinion when one is configured (understanding/second-opinion.ts).
 */
import type { AssetCatalog } from '../ports.js';
import { createAssetLookup, type AssetLookup } from '../asset-lookup.js';
import { interpret } from '../understanding/index.js';
import { SECOND_OPINION_BELOW, withSecondOpinion, type SecondOpinionPort } from '../understanding/second-opinion.js';
import { assetLabel } from './format.js';
import type { FlowInterpretation, FlowResolution, FlowResolveContext } from './types.js';

export interface Understanding {
  understand(text: string, ctx: FlowResolveContext): FlowInterpretation | Promise<FlowInterpretation>;
  resolveAsset(mention: string, ctx: FlowResolveContext): FlowResolution;
}

export interface UnderstandingOptions {
  /** A language model's reading of unsure messages (RIVET_LLM_URL); none by default. */
  secondOpinion?: SecondOpinionPort | null;
}

/** `lookup` is shared with other readers of the catalog (the REST API), so one index serves all. */
export function createUnderstanding(catalog: AssetCatalog, lookup: AssetLookup = createAssetLookup(catalog), opts: UnderstandingOptions = {}): Understanding {
  const current = () => lookup.index();
  const missed = (r: FlowResolution | null | undefined, mention: string) => {
    if (r?.decision === 'not_found') catalog.requestRefresh(`no asset matches "${mention.slice(0, 40)}"`);
  };
  const second = opts.secondOpinion ?? null;
  return {
    async understand(text, ctx) {
      const i = interpret(text, { assets: current(), resolveContext: ctx });
      if (i.asset) missed(i.asset.resolution, i.asset.mention);
      if (!second || i.confidence >= SECOND_OPINION_BELOW || text.trim().startsWith('/')) return i;
      const candidates = (i.asset?.resolution?.candidates ?? []).slice(0, 5).map((c) => ({ id: c.asset.id, label: assetLabel(c.asset, 80) }));
      const o = await second.ask({
        text,
        first: { intent: i.intent, priority: i.priority, workOrderNumber: i.workOrderNumber, status: i.status, confidence: i.confidence },
        candidates,
      });
      return o ? withSecondOpinion(i, o) : i;
    },
    resolveAsset(mention, ctx) {
      const r = current().resolve(mention, ctx);
      missed(r, mention);
      return r;
    },
  };
}

/**
 * Builds at start-up what the first message would otherwise build while people wait: the asset
 * index over the catalog as loaded (~0.1 s for a few hundred assets) and the unpacked model, and
 * runs the path once so it is compiled. Acknowledgements of a cold burst no longer queue behind it.
 */
export function warmUnderstanding(lookup: AssetLookup): void {
  interpret('pump 1 is leaking oil, urgent', { assets: lookup.index() });
}
