/**
 * Acknowledging a webhook comes first. In a process that both answers webhooks and runs jobs
 * (`rivet start`), a job about to run waits while deliveries are being written down, at most
 * `maxWaitMs`: during a burst the 200s go out first and the backlog is worked off between and
 * after them (it is durable). A process without webhooks (`rivet worker`) never waits.
 */
export interface IngestGate {
  /** A delivery is being accepted (until `leave`). */
  enter(): void;
  leave(): void;
  /** Resolves once no delivery is being accepted, or after `maxWaitMs`. */
  quiet(): Promise<void>;
}

export function createIngestGate(maxWaitMs: number): IngestGate {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  return {
    enter() {
      inFlight++;
    },
    leave() {
      inFlight = Math.max(0, inFlight - 1);
      if (inFlight === 0 && waiters.length) {
        const wake = waiters;
        waiters = [];
        for (const w of wake) w();
      }
    },
    quiet() {
      if (inFlight === 0 || maxWaitMs <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxWaitMs);
        function done() {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }
        waiters.push(done);
      });
    },
  };
}
