/**
 * Status polling for Atlas instances that cannot send webhooks (unlicensed), and as a safety net
 * beside webhooks: work orders updated since the cursor in sync_cursors, each through the same
 * compare-and-set as webhooks.
 *
 * Atlas can only filter `updatedAt ≥ since` and sort on one field, and many work orders can share
 * one `updatedAt` (a bulk change). So the cursor is the newest timestamp seen *and* the ids already
 * handled at exactly that timestamp: the next page skips those ids, and asks for as many more as
 * it skips, so a crowd at one instant can never fill every page and stall the cursor.
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

/** Where the poll got to: the newest updatedAt seen, and the ids seen at exactly that instant. */
export interface PollCursor {
  at: Date;
  ids: number[];
}

/** Reads a stored cursor: JSON `{at, ids}`, or a bare ISO date (cursors written before ids were kept). */
export function parseCursor(stored: string | null): PollCursor | null {
  if (!stored) return null;
  if (stored.startsWith('{')) {
    try {
      const v = JSON.parse(stored) as { at?: unknown; ids?: unknown };
      const at = new Date(String(v.at));
      if (!Number.isNaN(at.getTime())) return { at, ids: Array.isArray(v.ids) ? v.ids.filter((x): x is number => typeof x === 'number') : [] };
    } catch {
      /* fall through: start afresh */
    }
    return null;
  }
  const at = new Date(stored);
  return Number.isNaN(at.getTime()) ? null : { at, ids: [] };
}

export function formatCursor(c: PollCursor): string {
  return JSON.stringify({ at: c.at.toISOString(), ids: c.ids });
}

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
      let cursor = parseCursor(await deps.cursors.get(POLL_CURSOR)) ?? { at: new Date(deps.clock.now().getTime() - FIRST_LOOKBACK_MS), ids: [] };
      let changed = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        const skip = new Set(cursor.ids);
        const pageSize = PAGE_SIZE + skip.size;
        const res = await deps.atlas.workOrdersUpdatedSince(cursor.at, { pageNum: 0, pageSize });
        let next = cursor;
        for (const wo of res.content) {
          const at = wo.updatedAt.getTime();
          if (at === cursor.at.getTime() && skip.has(wo.id)) continue;
          if (await applyStatus({ ...deps, logger: log }, { workOrderId: wo.id, status: wo.status, customId: wo.customId, at: wo.updatedAt })) changed++;
          if (at > next.at.getTime()) next = { at: wo.updatedAt, ids: [wo.id] };
          else if (at === next.at.getTime() && !next.ids.includes(wo.id)) next = { at: next.at, ids: [...next.ids, wo.id] };
        }
        cursor = next;
        await deps.cursors.set(POLL_CURSOR, formatCursor(cursor));
        // Sorted by updatedAt ascending: a page that was not full holds everything there is.
        if (res.content.length < pageSize) break;
      }
      if (changed) log.info({ changed }, 'status changes found by polling');
      return changed;
    },
  };
}
