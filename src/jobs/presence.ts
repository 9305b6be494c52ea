/**
 * A worker process's identity and heartbeat (job_workers), and what happens to the work of a
 * worker that stops beating. Each run of a process is a worker of its own (host:pid:random), so
 * a restarted process never mistakes its predecessor's claims for its own.
 *
 * Every beat (default 2 s) a worker renews the leases of the jobs it runs and looks at the
 * others. A worker is gone when its heartbeat is older than `deadAfterMs` (default 10 s), or at
 * once when it ran on this same machine (host, boot and pid namespace) and its pid is no longer
 * alive — a SIGKILLed worker restarted on the same host (or a surviving worker beside it) sees it
 * on its next beat. A gone worker's claims go back to waiting right away, and the runner hands its
 * queue jobs back (BullMQ: their locks are dropped, so the stalled check returns them).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { OutboxClaims, ReleasedClaim } from '../db/repositories/outbox-claims.js';
import type { JobWorkerRepository, JobWorkerRow } from '../db/repositories/job-workers.js';
import type { ClaimHolder } from './runner.js';

export interface PresenceOptions {
  heartbeatMs: number;
  deadAfterMs: number;
  /** A run older than this stops renewing its lease (a hung job can then be taken over). */
  maxRunMs: number;
}

export interface Presence extends ClaimHolder {
  readonly machine: string;
  /** Starts beating, registers this worker, frees the work of workers found gone. */
  start(info: { mode: string; queues: string[]; queueWorkerIds: string[] }): Promise<void>;
  /** Records what this worker runs now (its BullMQ worker ids, once they exist). */
  update(info: { queueWorkerIds: string[] }): Promise<void>;
  /** One beat now: renew, look for gone workers, free their claims; returns how many were freed. */
  beat(): Promise<number>;
  inFlight(): string[];
  stop(): Promise<void>;
}

function readOr(read: () => string, fallback: string): string {
  try {
    return read().trim();
  } catch {
    return fallback;
  }
}

/** Host, boot and pid namespace: two processes with the same value can see each other's pids. */
export function machineId(): string {
  const boot = readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'), '-');
  const pidNs = readOr(() => readlinkSync('/proc/self/ns/pid'), '-');
  return `${hostname()}|${boot}|${pidNs}`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createPresence(deps: {
  workers: JobWorkerRepository;
  claims: OutboxClaims;
  logger: Logger;
  options: PresenceOptions;
  /** Work of gone workers was freed: hand their queue jobs back (queue mode). */
  onGone?(gone: JobWorkerRow[], released: ReleasedClaim[]): Promise<void>;
}): Presence {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const machine = machineId();
  const log = deps.logger.child({ component: 'presence', worker: id });
  const running = new Map<string, number>();
  const overdue = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let beating: Promise<number> | null = null;
  let failing = false;
  let stopped = false;
  let registration: Parameters<JobWorkerRepository['register']>[0] | null = null;

  function isGone(w: { silent: boolean; machine: string; pid: number }): string | null {
    if (w.silent) return 'no heartbeat';
    // Same machine: its pid can be checked. (A pid of this very process is alive: several job
    // systems may share one process, so only the heartbeat can tell for those.)
    if (w.machine === machine && !pidAlive(w.pid)) return 'process ended';
    return null;
  }

  async function beatOnce(): Promise<number> {
    const state = await deps.workers.beat(id);
    if (state === 'missing' && registration) await deps.workers.register(registration);
    if (state !== 'alive') log.warn({ state }, 'this worker had been taken for gone (no heartbeat for a while); carrying on');
    const now = Date.now();
    const renew: string[] = [];
    for (const [jobId, since] of running) {
      if (now - since < deps.options.maxRunMs) renew.push(jobId);
      else if (!overdue.has(jobId)) {
        overdue.add(jobId);
        log.error({ jobId, runningMs: now - since }, 'job has run for too long; no longer holding it against other workers');
      }
    }
    await deps.claims.renewLeases(id, renew);
    const others = await deps.workers.others(id, deps.options.deadAfterMs);
    const verdicts = others.map((w) => ({ w, why: isGone(w) })).filter((v) => v.why !== null);
    const gone: JobWorkerRow[] = [];
    for (const { w, why } of verdicts) {
      const [row] = await deps.workers.markStopped([w.id], why!);
      if (row) gone.push(row);
    }
    const released = await deps.claims.releaseAbandoned();
    for (const g of gone) {
      const theirs = released.filter((r) => r.heldBy === g.id).length;
      log.warn({ gone: g.id, reason: g.stopReason, jobsReleased: theirs }, 'worker gone; its jobs go back to the queue now');
    }
    if (released.length && gone.length === 0) log.warn({ jobsReleased: released.length }, 'claims past their lease released');
    if (gone.length || released.length) await deps.onGone?.(gone, released);
    return released.length;
  }

  const presence: Presence = {
    id,
    machine,
    track(jobId) {
      running.set(jobId, Date.now());
    },
    untrack(jobId) {
      running.delete(jobId);
      overdue.delete(jobId);
    },
    inFlight: () => [...running.keys()],
    async start(info) {
      registration = { id, machine, host: hostname(), pid: process.pid, ...info };
      // Beating first: should registering fail now (the database away), the next beat does it.
      timer = setInterval(() => void presence.beat(), deps.options.heartbeatMs);
      timer.unref();
      await deps.workers.register(registration);
      log.info({ mode: info.mode, queues: info.queues }, 'worker registered');
      await presence.beat();
    },
    async update(info) {
      if (!registration) return;
      registration = { ...registration, ...info };
      await deps.workers.register(registration);
    },
    beat() {
      if (stopped) return Promise.resolve(0);
      if (beating) return beating;
      beating = beatOnce()
        .then((n) => {
          if (failing) log.info('heartbeat restored');
          failing = false;
          return n;
        })
        .catch((err: Error) => {
          if (!failing) log.warn({ err: err.message }, 'heartbeat failed; will keep trying');
          failing = true;
          return 0;
        })
        .finally(() => {
          beating = null;
        });
      return beating;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await beating;
      await deps.workers.markStopped([id], 'closed').catch(() => undefined);
    },
  };
  return presence;
}
