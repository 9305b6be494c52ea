/**
 * GET /health. Public: a minimal answer — overall status and each check's up/down/disabled — from
 * results kept for a few seconds (health/monitor.ts), so hits cost no outside call and show no
 * account, bot name, licence or error text. With `Authorization: Bearer <RIVET_API_KEY>`: the
 * detailed view (latencies, errors, details, job figures).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { secretsEqual } from '../middleware/api-key.js';
import { type CheckName, type HealthCheck } from '../../health/checks.js';
import { createHealthMonitor } from '../../health/monitor.js';

export interface HealthDeps {
  version: string;
  startedAt: Date;
  checks: Partial<Record<CheckName, HealthCheck | null>>;
  /** Deadline of each check, so /health never hangs on an outside service. */
  timeoutMs?: number;
  /** How long results are reused (defaults: 2 s for database/Redis, 30 s for outside services). */
  essentialTtlMs?: number;
  outsideTtlMs?: number;
  /** Extra figures (queue depths, failed counts) added by other layers: detailed view only. */
  extras?: () => Promise<Record<string, unknown>>;
}

/** 200 when the database and Redis (if Rivet uses one) are up: Rivet can take reports. 503 otherwise. */
export function healthRoutes(deps: HealthDeps & { apiKey?: string | null }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const timeoutMs = deps.timeoutMs ?? 2_000;
  const monitor = createHealthMonitor({
    checks: deps.checks,
    timeoutMs,
    ...(deps.essentialTtlMs !== undefined ? { essentialTtlMs: deps.essentialTtlMs } : {}),
    ...(deps.outsideTtlMs !== undefined ? { outsideTtlMs: deps.outsideTtlMs } : {}),
  });
  const detailed = (header: string | undefined) => {
    const m = /^Bearer\s+(.+)$/i.exec((header ?? '').trim());
    return !!deps.apiKey && !!m && secretsEqual(m[1]!, deps.apiKey);
  };

  app.get('/health', async (c) => {
    const checks = await monitor.results();
    // Without REDIS_URL (embedded mode) the redis check is disabled, and not needed.
    const essentialUp = checks.database.status === 'up' && checks.redis.status !== 'down';
    const degraded = Object.values(checks).some((r) => r.status === 'down');
    const status = essentialUp ? (degraded ? 'degraded' : 'ok') : 'down';
    const code = essentialUp ? 200 : 503;
    c.header('Cache-Control', 'no-store');
    if (!detailed(c.req.header('authorization'))) {
      const brief = Object.fromEntries(Object.entries(checks).map(([name, r]) => [name, { status: r.status }]));
      return c.json({ status, checks: brief }, code);
    }
    const extras = deps.extras
      ? await Promise.race([
          deps.extras().catch((err: Error) => ({ extrasError: err.message })),
          new Promise<Record<string, unknown>>((r) => setTimeout(() => r({ extrasError: 'timed out' }), timeoutMs).unref()),
        ])
      : {};
    return c.json({ status, version: deps.version, uptimeS: Math.round((Date.now() - deps.startedAt.getTime()) / 1000), checks, ...extras }, code);
  });
  return app;
}
