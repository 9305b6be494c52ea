/**
 * Status polling for Atlas instances that cannot send webhooks (unlicensed): work orders
 * updated since the cursor in sync_cursors, each through the same compare-and-set as webhooks.
 */
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import type { SyncCursorRepository } from '../db/repositories/sync-cursors.js';
import type { AtlasClient } from '../integrations/atlas/index.js';
import { applyStatus } from './handlers/atlas-status.js';
import type { HandlerDeps } from './handlers/deps.js';

export const POLL_CURSOR = 'atlas:work-orders:updated-since';
const PAGE_SIZE = 100;
const MAX_PAGES = 20;
/** On the first poll, look back this far (clocks of Rivet and Atlas may differ a little). */
const FIRST_LOOKBACK_MS = 60_000;

export function createStatusPoller(deps: Pick<HandlerDeps, 'db' | 'repos' | 'enqueuer' | 'organizationId'> & {
  atlas: AtlasClient;
  cursors: SyncCursorRepository;
  clock: Clock;
  logger: Logger;
}) {
  const log = deps.logger.child({ component: 'atlas-poller' });
  return {
    /** One poll; returns how many status changes were news. */
    async poll(): Promise<number> {
      const stored = await deps.cursors.get(POLL_CURSOR);
      let since = stored ? new Date(stored) : new Date(deps.clock.now().getTime() - FIRST_LOOKBACK_MS);
      let changed = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await deps.atlas.workOrdersUpdatedSince(since, { pageNum: 0, pageSize: PAGE_SIZE });
        let newest = since;
        for (const wo of res.content) {
          if (await applyStatus({ ...deps, logger: log }, { workOrderId: wo.id, status: wo.status, customId: wo.customId, at: wo.updatedAt })) changed++;
          if (wo.updatedAt > newest) newest = wo.updatedAt;
        }
        await deps.cursors.set(POLL_CURSOR, newest.toISOString());
        // Sorted by updatedAt ascending, always page 0 from the newest seen: stop when a page
        // brings nothing newer (only the boundary items again) or was not full.
        if (res.content.length < PAGE_SIZE || newest.getTime() === since.getTime()) break;
        since = newest;
      }
      if (changed) log.info({ changed }, 'status changes found by polling');
      return changed;
    },
  };
}
