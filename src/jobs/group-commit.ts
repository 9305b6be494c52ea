/**
 * Group commit: items submitted while a write is under way (or in the same turn of the event
 * loop) are written together by the next write, one statement for many. Each submitter is
 * answered with its own item's result once that write has returned, so "written down" still
 * means written down, per item. With nothing under way a lone item waits one turn
 * (setImmediate) and goes alone: no latency is added when the load is light, and under load the
 * batches grow with it (fewer round trips, fewer writes to the socket, less work for PostgreSQL).
 */

export interface GroupCommitOptions {
  /** Writes running at once (each on its own connection). */
  maxInFlight: number;
  /** Items in one write at most. */
  maxBatch: number;
}

/** Writes a batch: one settled result per item, in order (a rejected batch rejects every item). */
export type BatchWriter<I, R> = (items: I[]) => Promise<PromiseSettledResult<R>[]>;

export function createGroupCommit<I, R>(write: BatchWriter<I, R>, opts: GroupCommitOptions): (item: I) => Promise<R> {
  type Waiting = { item: I; resolve: (r: R) => void; reject: (e: unknown) => void };
  let queued: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || queued.length === 0 || inFlight >= opts.maxInFlight) return;
    scheduled = true;
    // Requests read in the same turn of the event loop join the batch.
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    while (queued.length > 0 && inFlight < opts.maxInFlight) {
      const batch = queued.length <= opts.maxBatch ? queued : queued.slice(0, opts.maxBatch);
      queued = queued.length <= opts.maxBatch ? [] : queued.slice(opts.maxBatch);
      inFlight++;
      void run(batch);
    }
  }

  async function run(batch: Waiting[]): Promise<void> {
    try {
      const results = await write(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const r = results[i];
        if (r?.status === 'fulfilled') w.resolve(r.value);
        else w.reject(r ? r.reason : new Error('group commit: no result for an item'));
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      inFlight--;
      schedule();
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      schedule();
    });
}
