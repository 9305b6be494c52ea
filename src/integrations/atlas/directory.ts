/**
 * The in-memory asset directory (AssetCatalog port): every asset and location loaded from Atlas at start-up,
 * refreshed periodically and when a lookup misses. The understanding layer searches this, never Atlas.
 * A failed refresh keeps the last good copy.
 */
import type { Logger } from 'pino';
import type { AssetRecord } from '../../core/model.js';
import type { AssetCatalog } from '../../core/ports.js';
import type { AtlasClient } from './client.js';
import { AtlasError, AtlasApiError, AtlasLicenseError } from './errors.js';
import { assetMiniOf, toAssetRecord } from './mapping.js';
import type { AtlasAsset, AtlasLocationMini } from './types.js';

export interface AssetDirectoryDeps {
  client: AtlasClient;
  logger: Logger;
  /** Default 5 minutes. */
  refreshIntervalMs?: number;
  /** A miss never triggers reloads closer together than this; default 30 s. */
  minRefreshGapMs?: number;
  /** After a failed refresh, try again this soon (capped by refreshIntervalMs); default 30 s. */
  retryAfterFailureMs?: number;
  /** Page size for POST /assets/search; default 500. */
  pageSize?: number;
  /** Pages fetched at once; default 4. */
  concurrency?: number;
  clock?: { now(): Date };
}

export interface AssetDirectoryStats {
  assets: number;
  locations: number;
  loadedAt: Date | null;
  lastError: string | null;
}

export type AssetDirectory = AssetCatalog & {
  start(): Promise<void>;
  stop(): void;
  stats(): AssetDirectoryStats;
  /** Reload now (awaitable); resolves false when it failed and the last good copy was kept. */
  refresh(reason?: string): Promise<boolean>;
  locations(): readonly AtlasLocationMini[];
};

export function createAssetDirectory(deps: AssetDirectoryDeps): AssetDirectory {
  const log = deps.logger.child({ component: 'asset-directory' });
  const clock = deps.clock ?? { now: () => new Date() };
  const interval = deps.refreshIntervalMs ?? 5 * 60_000;
  const minGap = deps.minRefreshGapMs ?? 30_000;
  const retryAfterFailure = Math.min(deps.retryAfterFailureMs ?? 30_000, interval);
  const pageSize = deps.pageSize ?? 500;
  const concurrency = Math.max(1, deps.concurrency ?? 4);

  let records: readonly AssetRecord[] = [];
  let byId = new Map<number, AssetRecord>();
  let locationList: readonly AtlasLocationMini[] = [];
  let version = 0;
  let loadedAt: Date | null = null;
  let lastError: string | null = null;
  let lastStarted = -Infinity;
  let inflight: Promise<boolean> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  /** Full records via paged POST /assets/search; null if this account may not search assets (mini only then). */
  async function loadFull(): Promise<Map<number, AtlasAsset> | null> {
    const search = (pageNum: number) =>
      deps.client.searchAssets({ filterFields: [], pageNum, pageSize, sortField: 'id', direction: 'ASC' });
    let first;
    try {
      first = await search(0);
    } catch (e) {
      if ((e instanceof AtlasApiError && e.status === 403) || e instanceof AtlasLicenseError) {
        log.warn({ err: e.toJSON() }, 'cannot search assets; using the light list only');
        return null;
      }
      throw e;
    }
    const out = new Map<number, AtlasAsset>();
    for (const a of first.content) out.set(a.id, a);
    let next = 1;
    const worker = async () => {
      while (next < first.totalPages) {
        const page = await search(next++);
        for (const a of page.content) out.set(a.id, a);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(0, first.totalPages - 1)) }, worker));
    return out;
  }

  async function load(reason: string): Promise<boolean> {
    const started = performance.now();
    try {
      const [locs, minis, full] = await Promise.all([deps.client.listLocations(), deps.client.listAssets(), loadFull()]);
      const locMap = new Map(locs.map((l) => [l.id, l]));
      const seen = new Set<number>();
      const next: AssetRecord[] = [];
      for (const m of minis) {
        seen.add(m.id);
        next.push(toAssetRecord(m, locMap, full?.get(m.id)));
      }
      for (const a of full?.values() ?? []) if (!seen.has(a.id)) next.push(toAssetRecord(assetMiniOf(a), locMap, a));
      records = Object.freeze(next);
      byId = new Map(next.map((r) => [r.id, r]));
      locationList = Object.freeze(locs);
      version++;
      loadedAt = clock.now();
      lastError = null;
      log.info({ reason, assets: next.length, locations: locs.length, ms: Math.round(performance.now() - started), version }, 'asset directory loaded');
      return true;
    } catch (e) {
      lastError = e instanceof AtlasError ? e.message : String(e);
      log.error({ reason, err: e instanceof AtlasError ? e.toJSON() : { message: String(e) }, keeping: records.length }, 'asset directory refresh failed; keeping the last good copy');
      return false;
    }
  }

  function schedule(ok: boolean): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh('periodic'), ok ? interval : retryAfterFailure);
    timer.unref();
  }

  function refresh(reason = 'manual'): Promise<boolean> {
    if (inflight) return inflight;
    lastStarted = clock.now().getTime();
    inflight = load(reason).then((ok) => {
      inflight = null;
      schedule(ok);
      return ok;
    });
    return inflight;
  }

  return {
    all: () => records,
    get: (id) => byId.get(id),
    version: () => version,
    locations: () => locationList,
    requestRefresh(reason) {
      if (inflight || clock.now().getTime() - lastStarted < minGap) return;
      log.debug({ reason }, 'refresh requested');
      void refresh(`requested: ${reason}`);
    },
    refresh,
    async start() {
      running = true;
      await refresh('start');
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    stats: () => ({ assets: records.length, locations: locationList.length, loadedAt, lastError }),
  };
}
