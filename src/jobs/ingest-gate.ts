/**
 * Acknowledging a webhook comes first. In a process that both answers webhooks and runs jobs
 * (`rivet start`), jobs give way while deliveries are arriving: a run takes a turn (`turn`), and
 * while a delivery is being written, or one arrived in the last `burstMs`, at most
 * `duringIngest` runs hold one; the others wait (each at most `maxWaitMs`, a safety valve) and
 * start as turns are given back or when the burst is over. A run still going after `turnMs` is
 * waiting on something else (a slow Atlas), not using the CPU: its turn passes on, so slow jobs
 * never hold up the others. The backlog is durable and is worked off during the burst at that
 * pace and at full concurrency after it; the 200s get the CPU, the connections and the event loop
 * first. A process without webhooks (`rivet worker`) never waits.
 */
export interface IngestGate {
  /** A delivery is being accepted (until `leave`). */
  enter(): void;
  leave(): void;
  /** Resolves once no delivery is being accepted, or after `maxWaitMs`. */
  quiet(): Promise<void>;
  /** Resolves when this run may start; call the function it gives once the run is over. */
  turn(): Promise<() => void>;
}

export interface IngestGateOptions {
  /** Runs at once while deliveries arrive (default 4). */
  duringIngest?: number;
  /** A burst lasts this long after the last delivery came or went (default 1 s: a pause of the sender is not its end). */
  burstMs?: number;
  /** A run holds its turn at most this long (default 500 ms). */
  turnMs?: number;
}

export function createIngestGate(maxWaitMs: number, opts: IngestGateOptions = {}): IngestGate {
  const duringIngest = Math.max(1, opts.duringIngest ?? 2);
  const burstMs = opts.burstMs ?? 1_000;
  const turnMs = opts.turnMs ?? 500;
  let inFlight = 0;
  let lastSeen = -Infinity;
  let running = 0;
  /** Runs of `quiet` waiting for no delivery in flight. */
  let quietWaiters: (() => void)[] = [];
  /** Runs waiting for a turn, first come first served. */
  const turnWaiters: { start: () => void }[] = [];
  let burstTimer: NodeJS.Timeout | undefined;

  const inBurst = () => inFlight > 0 || performance.now() - lastSeen < burstMs;
  /** A turn, given back when the run ends or after `turnMs`, whichever comes first (once). */
  function grant(): () => void {
    running++;
    let held = true;
    const giveBack = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      running--;
      admit();
    };
    const timer = setTimeout(giveBack, turnMs);
    timer.unref?.();
    return giveBack;
  }
  /** Starts waiting runs while turns are free (all of them once the burst is over). */
  function admit(): void {
    const burst = inBurst();
    while (turnWaiters.length > 0 && (!burst || running < duringIngest)) turnWaiters.shift()!.start();
    if (burst && turnWaiters.length > 0 && inFlight === 0 && !burstTimer) {
      // Nothing in flight: the burst ends `burstMs` after the last delivery unless another comes.
      burstTimer = setTimeout(() => {
        burstTimer = undefined;
        admit();
      }, Math.max(1, burstMs - (performance.now() - lastSeen)));
    }
  }

  return {
    enter() {
      inFlight++;
      lastSeen = performance.now();
    },
    leave() {
      inFlight = Math.max(0, inFlight - 1);
      lastSeen = performance.now();
      if (inFlight === 0) {
        const wake = quietWaiters;
        quietWaiters = [];
        for (const w of wake) w();
        admit();
      }
    },
    quiet() {
      if (inFlight === 0 || maxWaitMs <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxWaitMs);
        function done() {
          clearTimeout(timer);
          quietWaiters = quietWaiters.filter((w) => w !== done);
          resolve();
        }
        quietWaiters.push(done);
      });
    },
    turn() {
      if (maxWaitMs <= 0 || running < duringIngest || !inBurst()) return Promise.resolve(grant());
      return new Promise<() => void>((resolve) => {
        const waiter = {
          start() {
            clearTimeout(timer);
            const i = turnWaiters.indexOf(waiter);
            if (i >= 0) turnWaiters.splice(i, 1);
            resolve(grant());
          },
        };
        // The safety valve: a run never waits longer than this, however long the burst.
        const timer = setTimeout(() => waiter.start(), maxWaitMs);
        turnWaiters.push(waiter);
        admit();
      });
    },
  };
}
