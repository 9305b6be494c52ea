/**
 * Health results kept for a while, so /health costs no outside call per hit: each check's result
 * is reused until it is older than its check's TTL, and one refresh at a time runs (every caller
 * waiting on the same one). The essential checks (database, Redis) are short-lived and awaited
 * when stale, so "down" and "up again" show within seconds; the outside services (Atlas, Telegram,
 * Stripe, Slack) are refreshed in the background when stale and the last result is answered
 * meanwhile, so a slow Atlas never slows /health.
 */
import { runCheck, CHECK_NAMES, type CheckName, type CheckResult, type HealthCheck } from './checks.js';

export const ESSENTIAL: readonly CheckName[] = ['database', 'redis'];

export interface HealthMonitorOptions {
  checks: Partial<Record<CheckName, HealthCheck | null>>;
  /** Deadline of each check. */
  timeoutMs: number;
  /** How long a result of database/Redis is reused (default 2 s). */
  essentialTtlMs?: number;
  /** How long a result of an outside service is reused (default 30 s). */
  outsideTtlMs?: number;
  now?: () => number;
}

export interface HealthMonitor {
  results(): Promise<Record<CheckName, CheckResult>>;
}

interface Slot {
  result: CheckResult | null;
  at: number;
  running: Promise<CheckResult> | null;
}

export function createHealthMonitor(o: HealthMonitorOptions): HealthMonitor {
  const now = o.now ?? Date.now;
  const slots = new Map<CheckName, Slot>(CHECK_NAMES.map((n) => [n, { result: null, at: 0, running: null }]));
  const ttlOf = (name: CheckName) => (ESSENTIAL.includes(name) ? (o.essentialTtlMs ?? 2_000) : (o.outsideTtlMs ?? 30_000));

  const refresh = (name: CheckName, slot: Slot): Promise<CheckResult> => {
    slot.running ??= runCheck(o.checks[name], o.timeoutMs).then((r) => {
      slot.result = r;
      slot.at = now();
      slot.running = null;
      return r;
    });
    return slot.running;
  };

  async function one(name: CheckName): Promise<CheckResult> {
    const slot = slots.get(name)!;
    if (!o.checks[name]) return { status: 'disabled', latencyMs: 0 };
    if (slot.result && now() - slot.at < ttlOf(name)) return slot.result;
    if (slot.result && !ESSENTIAL.includes(name)) {
      void refresh(name, slot);
      return slot.result;
    }
    return refresh(name, slot);
  }

  return {
    async results() {
      const entries = await Promise.all(CHECK_NAMES.map(async (n) => [n, await one(n)] as const));
      return Object.fromEntries(entries) as Record<CheckName, CheckResult>;
    },
  };
}
