/**
 * Group commit for hot statements. Many jobs run at once (32 inbound, 16 sends per process), and
 * each used to send its own one-row statement: one round trip, one wake-up of a PostgreSQL
 * backend and one WAL flush (commit) per row. A batched statement takes the calls made while the
 * previous one of its kind is in flight and sends them together as one multi-row statement when
 * it returns: alone, a call goes out at once (after the current tick); under load, one round
 * trip and one commit serve the whole batch.
 *
 * Each caller still gets its own answer, and its own failure: when a batch fails, its calls are
 * run again one at a time, so one bad row (a data exception) fails only its own job.
 */
export interface BatchOptions {
  /** Statements of this kind in flight at once (default 1: the next batch gathers while one is out). */
  maxInFlight?: number;
  /** Calls in one statement at most (default 64). */
  maxBatch?: number;
  /**
   * Which calls go together: those made in the same tick ('tick', the default: jobs' statements),
   * or in the same turn of the event loop ('turn': webhook requests read by separate I/O callbacks).
   */
  gather?: 'tick' | 'turn';
  /**
   * A failed batch is run again one call at a time (default true); false when `run` answers each
   * item itself (settled results) and a throw means the whole batch could not be written.
   */
  retryAlone?: boolean;
}

/**
 * `run` answers the items of one batch in their order (one answer per item). The returned
 * function is the one-call view of it.
 */
export function batched<I, O>(run: (items: I[]) => Promise<O[]>, opts: BatchOptions = {}): (item: I) => Promise<O> {
  const maxInFlight = opts.maxInFlight ?? 1;
  const maxBatch = opts.maxBatch ?? 64;
  const retryAlone = opts.retryAlone ?? true;
  const later = opts.gather === 'turn' ? (f: () => void) => void setImmediate(f) : queueMicrotask;
  let waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let inFlight = 0;
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      inFlight++;
      void send(batch).finally(() => {
        inFlight--;
        flush();
      });
    }
  }

  async function send(batch: typeof waiting): Promise<void> {
    try {
      const out = await run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]!));
    } catch (err) {
      if (batch.length === 1 || !retryAlone) return batch.forEach((b) => b.reject(err));
      // One at a time: each call gets its own answer or error.
      await Promise.all(batch.map((b) => run([b.item]).then((o) => b.resolve(o[0]!), b.reject)));
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!scheduled && inFlight < maxInFlight) {
        scheduled = true;
        // Calls made in the same tick (or turn) go together.
        later(flush);
      }
    });
}

/** The rows of a raw `db.execute` (node-postgres returns a result, PGlite its rows). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? (result as Record<string, unknown>[])) as Record<string, unknown>[];
}
