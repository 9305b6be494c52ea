/**
 * The asset index over the current catalog, rebuilt lazily when the catalog reloads.
 * Every lookup (chat messages, the REST API) shares one index per catalog version.
 */
import { buildAssetIndex, type AssetIndex } from './assets/index.js';
import type { AssetCatalog } from './ports.js';

export interface AssetLookup {
  /** The index for the catalog as it is now. */
  index(): AssetIndex;
}

export function createAssetLookup(catalog: AssetCatalog, build: typeof buildAssetIndex = buildAssetIndex): AssetLookup {
  let version = Number.NaN;
  let current: AssetIndex | null = null;
  return {
    index() {
      const v = catalog.version();
      if (!current || v !== version) {
        current = build(catalog.all());
        version = v;
      }
      return current;
    },
  };
}
