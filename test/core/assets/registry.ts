/** Made-up registries for the asset tests: one record per call, ids counting up, the CMMS's own shape. */
import type { AssetRecord } from '../../../src/core/model.js';
import { buildAssetIndex } from '../../../src/core/assets/index.js';
import { interpret } from '../../../src/core/understanding/index.js';

let nextId = 9000;
export function asset(name: string, location: string, category: string, extra: Partial<AssetRecord> = {}): AssetRecord {
  const id = nextId++;
  return {
    id,
    customId: `A${String(id).padStart(6, '0')}`,
    name,
    description: null,
    location: { id: 100 + location.length, name: location },
    category: { id: category.length, name: category },
    area: location.split(' - ')[0] ?? null,
    model: null,
    serialNumber: null,
    barCode: null,
    ...extra,
  } as AssetRecord;
}

/** What the technician sees for a message: the decision and the assets offered, best first. */
export function reader(assets: readonly AssetRecord[]) {
  const index = buildAssetIndex(assets);
  return (text: string) => {
    const a = interpret(text, { assets: index }).asset;
    return { mention: a?.mention ?? null, decision: a?.resolution?.decision ?? null, ids: a?.resolution?.candidates.map((c) => c.asset.id) ?? [] };
  };
}
