/** The core WorkOrderReader port (src/core/ports.ts), answered from Atlas. */
import type { WorkOrderReader } from '../../core/ports.js';
import type { AtlasClient } from './client.js';
import { AtlasApiError } from './errors.js';
import { toWorkOrderSummary } from './mapping.js';
import { criteria } from './criteria.js';

export function customIdForNumber(n: number): string {
  return `WO${String(Math.trunc(n)).padStart(6, '0')}`;
}

export function createAtlasWorkOrderReader(client: AtlasClient): WorkOrderReader {
  return {
    async getByNumber(number) {
      if (!Number.isInteger(number) || number <= 0) return null;
      try {
        const wo = await client.getWorkOrderByCustomId(customIdForNumber(number));
        return wo ? toWorkOrderSummary(wo) : null;
      } catch (e) {
        if (e instanceof AtlasApiError && e.status === 404) return null;
        throw e;
      }
    },
    async openForAsset(assetId) {
      const page = await client.openWorkOrdersOfAsset(assetId);
      return page.content.map(toWorkOrderSummary);
    },
    async byIds(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      const page = await client.searchWorkOrders(criteria().idIn('id', unique).sortBy('createdAt', 'DESC').paging(0, unique.length).build());
      return page.content.map(toWorkOrderSummary);
    },
  };
}
