/** Fault injection for the fake: latency, failure bursts (503/429/502/504), dropped responses, malformed bodies. */
export type FailStatus = 503 | 429 | 502 | 504;

export interface FaultControls {
  /** Added before every request is handled. */
  latencyMs: number;
  /** The next n requests fail with `status` before Atlas handles them (default 503). */
  failNext(n: number, status?: FailStatus): void;
  /** The next n requests are handled in full, then the connection is destroyed before the response is written. */
  dropNext(n: number): void;
  /** Every request fails with `status` until the fake's clock reaches `d` (null clears). */
  failUntil(d: Date | null, status?: number): void;
  /** The next n successful responses are corrupted: 'invalid-json' (truncated body) or 'wrong-shape' (`{"unexpected":true}`). */
  malformNext(n: number, kind?: 'invalid-json' | 'wrong-shape'): void;
  reset(): void;
}

export interface FaultState extends FaultControls {
  /** Consumes a pending failure; returns the status to fail with, or null. */
  takeFailure(now: Date): number | null;
  takeDrop(): boolean;
  takeMalform(): 'invalid-json' | 'wrong-shape' | null;
}

export function createFaults(): FaultState {
  let failQueue: number[] = [];
  let drops = 0;
  let until: { at: Date; status: number } | null = null;
  let malformQueue: ('invalid-json' | 'wrong-shape')[] = [];
  const f: FaultState = {
    latencyMs: 0,
    failNext(n, status = 503) {
      failQueue.push(...Array.from({ length: n }, () => status));
    },
    dropNext(n) {
      drops += n;
    },
    failUntil(d, status = 503) {
      until = d ? { at: d, status } : null;
    },
    malformNext(n, kind = 'invalid-json') {
      malformQueue.push(...Array.from({ length: n }, () => kind));
    },
    reset() {
      f.latencyMs = 0;
      failQueue = [];
      drops = 0;
      until = null;
      malformQueue = [];
    },
    takeFailure(now) {
      if (until && now < until.at) return until.status;
      return failQueue.shift() ?? null;
    },
    takeDrop() {
      if (drops <= 0) return false;
      drops--;
      return true;
    },
    takeMalform() {
      return malformQueue.shift() ?? null;
    },
  };
  return f;
}

/** Bodies as the real stack sends them: the rate limiter's own shape (§1.5), Atlas JSON, or nginx HTML. */
export function faultBody(status: number): { contentType: string; body: string } {
  if (status === 429) return { contentType: 'application/json', body: JSON.stringify({ error: 'Rate limit exceeded', message: 'Too many requests. Please try again later.' }) };
  if (status === 503) return { contentType: 'application/json', body: JSON.stringify({ success: false, message: 'Service Unavailable' }) };
  const title = status === 502 ? '502 Bad Gateway' : status === 504 ? '504 Gateway Time-out' : `${status} Error`;
  return { contentType: 'text/html', body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n` };
}
