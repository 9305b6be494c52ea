/**
 * Sending finished runs and feedback to LangSmith without ever holding up Rivet: items wait in a
 * bounded queue and go out in batches (POST /runs/multipart through the SDK's Client), one batch
 * in flight at a time, each request bounded by a timeout. A full queue drops the newest item, a
 * batch the collector refused or never answered is dropped whole; both are counted (hooks →
 * metrics), and after a failure sending pauses, longer each time, so a LangSmith outage costs a
 * few bounded requests a minute and no memory growth.
 */
import { Client } from 'langsmith';
import type { RunCreate } from 'langsmith/schemas';

export interface FeedbackItem {
  id: string;
  run_id: string;
  trace_id: string;
  key: string;
  score: number | null;
  value?: unknown;
  correction?: unknown;
  comment?: string;
  start_time?: string;
  feedback_source: { type: string; metadata: Record<string, unknown> };
}

type Item = { kind: 'run'; run: RunCreate } | { kind: 'feedback'; feedback: FeedbackItem };

export interface ExporterOptions {
  /** Items waiting at most; beyond, new ones are dropped (default 5 000). */
  maxQueue?: number;
  /** Items per request (default 100). */
  batchSize?: number;
  /** How long an item may wait for a batch to fill (default 1 000 ms). */
  flushIntervalMs?: number;
  /** One request's limit (default 10 000 ms). */
  timeoutMs?: number;
  /** The longest pause after failures (default 60 000 ms). */
  maxPauseMs?: number;
}

export interface ExporterHooks {
  sent?(items: number): void;
  dropped?(items: number, reason: 'queue_full' | 'send_failed'): void;
  /** The first failure after a success, and the first success after failures (for the log). */
  health?(state: { ok: true } | { ok: false; error: string }): void;
}

export interface ExporterStats {
  queued: number;
  sent: number;
  dropped: { queue_full: number; send_failed: number };
}

export interface Exporter {
  enqueue(item: Item): boolean;
  /** Sends what is queued now (waiting out a pause is skipped); resolves when done or failed. */
  flush(): Promise<void>;
  stats(): ExporterStats;
  close(): Promise<void>;
}

export function createExporter(settings: { apiUrl: string | null; apiKey: string | null }, opts: ExporterOptions = {}, hooks: ExporterHooks = {}): Exporter {
  const maxQueue = opts.maxQueue ?? 5_000;
  const batchSize = opts.batchSize ?? 100;
  const flushIntervalMs = opts.flushIntervalMs ?? 1_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxPauseMs = opts.maxPauseMs ?? 60_000;
  const apiUrl = (settings.apiUrl ?? 'https://api.smith.langchain.com').replace(/\/+$/, '');

  // Only the batch requests decide whether a batch went out (GET /info failing is the SDK's business).
  let failure: string | null = null;
  const fetchImplementation: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const batch = /\/runs\/(multipart|batch)$|\/feedback$/.test(url);
    const signal = init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    try {
      const res = await fetch(input, { ...init, signal });
      // The last answer decides (the SDK retries once): a retry that went through is no failure.
      if (batch) failure = res.ok ? null : `LangSmith answered ${res.status}`;
      return res;
    } catch (err) {
      if (batch) failure = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err as Error).message;
      throw err;
    }
  };
  const client = new Client({
    ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    autoBatchTracing: false,
    timeout_ms: timeoutMs,
    callerOptions: { maxRetries: 1, maxConcurrency: 1 },
    fetchImplementation,
  });

  const queue: Item[] = [];
  const stats: ExporterStats = { queued: 0, sent: 0, dropped: { queue_full: 0, send_failed: 0 } };
  let timer: NodeJS.Timeout | null = null;
  let sending: Promise<void> | null = null;
  let pausedUntil = 0;
  let failures = 0;
  let closed = false;

  function drop(n: number, reason: 'queue_full' | 'send_failed'): void {
    stats.dropped[reason] += n;
    hooks.dropped?.(n, reason);
  }

  function schedule(): void {
    if (timer || closed) return;
    const wait = Math.max(queue.length >= batchSize ? 0 : flushIntervalMs, pausedUntil - Date.now());
    timer = setTimeout(() => {
      timer = null;
      void drain(false);
    }, wait);
    timer.unref();
  }

  /** GET /info once it answers: the collector's own batch limit. */
  let limit = batchSize;
  let probed = false;
  async function probe(): Promise<void> {
    try {
      const res = await fetchImplementation(`${apiUrl}/info`, { headers: { accept: 'application/json', ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}) }, signal: AbortSignal.timeout(Math.min(timeoutMs, 5_000)) });
      probed = true;
      const info = res.ok ? ((await res.json()) as { batch_ingest_config?: { size_limit?: unknown } }) : null;
      const size = info?.batch_ingest_config?.size_limit;
      if (typeof size === 'number' && size >= 1) limit = Math.min(batchSize, Math.floor(size));
    } catch {
      // Not reachable yet: the batch will say so.
    }
  }

  async function sendBatch(batch: Item[]): Promise<void> {
    failure = null;
    try {
      await client.multipartIngestRuns({
        runCreates: batch.flatMap((i) => (i.kind === 'run' ? [i.run] : [])),
        feedbacks: batch.flatMap((i) => (i.kind === 'feedback' ? [i.feedback as never] : [])),
      });
    } catch (err) {
      failure ??= (err as Error).message;
    }
    if (failure === null) {
      stats.sent += batch.length;
      hooks.sent?.(batch.length);
      if (failures > 0) hooks.health?.({ ok: true });
      failures = 0;
      pausedUntil = 0;
      return;
    }
    drop(batch.length, 'send_failed');
    if (failures === 0) hooks.health?.({ ok: false, error: failure });
    failures++;
    pausedUntil = Date.now() + Math.min(maxPauseMs, 1_000 * 2 ** Math.min(failures - 1, 16));
  }

  function drain(force: boolean): Promise<void> {
    if (sending) return sending;
    sending = (async () => {
      while (queue.length > 0 && (force || Date.now() >= pausedUntil)) {
        if (!probed) await probe();
        const batch = queue.splice(0, limit);
        stats.queued = queue.length;
        await sendBatch(batch);
        // After a failure the rest waits for the pause (or, closing, is dropped): never one timeout per batch.
        if (failures > 0) break;
      }
    })().finally(() => {
      sending = null;
      if (queue.length > 0) schedule();
    });
    return sending;
  }

  return {
    enqueue(item) {
      if (closed) return false;
      if (queue.length >= maxQueue) {
        drop(1, 'queue_full');
        return false;
      }
      queue.push(item);
      stats.queued = queue.length;
      if (queue.length >= batchSize && !sending && Date.now() >= pausedUntil) {
        if (timer) clearTimeout(timer);
        timer = null;
      }
      schedule();
      return true;
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (sending) await sending;
      await drain(true);
    },
    stats: () => ({ ...stats, queued: queue.length, dropped: { ...stats.dropped } }),
    async close() {
      await this.flush().catch(() => undefined);
      closed = true;
      if (timer) clearTimeout(timer);
      if (queue.length > 0) drop(queue.splice(0).length, 'send_failed');
    },
  };
}
