/**
 * The Atlas part: the CMMS client, the in-memory asset directory (refreshed in the background),
 * the read side the chat uses, and one asset index per catalog version shared by the chat and
 * the REST API. Without Atlas the catalog is empty and reads say Atlas is not configured;
 * reports still queue and wait.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { createAssetLookup, type AssetLookup } from '../core/asset-lookup.js';
import type { AssetCatalog, Clock, WorkOrderReader } from '../core/ports.js';
import { createAssetDirectory, createAtlasClient, createAtlasWorkOrderReader, type AssetDirectory, type AtlasClient } from '../integrations/atlas/index.js';
import { createChatReader, type ChatReadLimits } from '../integrations/atlas/chat-reader.js';
import type { Lifecycle } from '../lifecycle.js';
import { observedAtlasFetch } from '../observability/atlas.js';
import type { ObservabilityPart } from './observability.js';

/** How long start-up waits for the first asset load; a slow or absent Atlas must not hold it. */
const FIRST_LOAD_WAIT_MS = 5_000;

export interface AtlasPart {
  client: AtlasClient | null;
  directory: AssetDirectory | null;
  assets: AssetCatalog;
  reader: WorkOrderReader;
  /** Null without Atlas (the REST API then says so). */
  lookup: AssetLookup | null;
}

const emptyCatalog: AssetCatalog = { all: () => [], get: () => undefined, version: () => 0, requestRefresh: () => {} };
const noAtlasReader: WorkOrderReader = {
  getByNumber: () => Promise.reject(new Error('Atlas is not configured')),
  openForAsset: () => Promise.resolve([]),
  byIds: () => Promise.reject(new Error('Atlas is not configured')),
};

export async function wireAtlas(deps: { config: Config; logger: Logger; lifecycle: Lifecycle; clock: Clock; observability?: ObservabilityPart; chatReads?: ChatReadLimits }): Promise<AtlasPart> {
  const settings = deps.config.atlas;
  if (!settings) return { client: null, directory: null, assets: emptyCatalog, reader: noAtlasReader, lookup: null };
  // Every request timed and counted per endpoint, and traced inside a trace (never its headers or body).
  const watched = deps.observability ? { fetch: observedAtlasFetch({ baseUrl: settings.url, metrics: deps.observability.metrics, tracing: deps.observability.tracing }) } : {};
  const client = createAtlasClient({ baseUrl: settings.url, auth: settings.auth, logger: deps.logger, clock: deps.clock, ...watched });
  const directory = createAssetDirectory({ client, logger: deps.logger, refreshIntervalMs: settings.assetRefreshMs, clock: deps.clock });
  deps.lifecycle.onShutdown('asset-directory', () => directory.stop());
  // The directory keeps retrying on its own after this.
  await Promise.race([directory.start(), new Promise((r) => setTimeout(r, FIRST_LOAD_WAIT_MS).unref())]);
  // The chat's reads are bounded in number and time, so a slow Atlas cannot stall every chat.
  return { client, directory, assets: directory, reader: createChatReader(createAtlasWorkOrderReader(client), deps.chatReads), lookup: createAssetLookup(directory) };
}
