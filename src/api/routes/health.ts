import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { runChecks, type CheckName, type HealthCheck } from '../../health/checks.js';

export interface HealthDeps {
  version: string;
  startedAt: Date;
  checks: Partial<Record<CheckName, HealthCheck | null>>;
  /** Deadline of each check, so /health never hangs on an outside service. */
  timeoutMs?: number;
  /** Extra figures (queue depths, failed counts) added by other layers. */
  extras?: () => Promise<Record<string, unknown>>;
}

/** 200 when the database and Redis (if Rivet uses one) are up: Rivet can take reports. 503 otherwise. */
export function healthRoutes(deps: HealthDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const timeoutMs = deps.timeoutMs ?? 2_000;
    const [checks, extras] = await Promise.all([
      runChecks(deps.checks, timeoutMs),
      deps.extras
        ? Promise.race([
            deps.extras().catch((err: Error) => ({ extrasError: err.message })),
            new Promise<Record<string, unknown>>((r) => setTimeout(() => r({ extrasError: 'timed out' }), timeoutMs).unref()),
          ])
        : Promise.resolve({}),
    ]);
    // Without REDIS_URL (embedded mode) the redis check is disabled, and not needed.
    const essentialUp = checks.database.status === 'up' && checks.redis.status !== 'down';
    const degraded = Object.values(checks).some((r) => r.status === 'down');
    return c.json(
      {
        status: essentialUp ? (degraded ? 'degraded' : 'ok') : 'down',
        version: deps.version,
        uptimeS: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
        checks,
        ...extras,
      },
      essentialUp ? 200 : 503,
    );
  });
  return app;
}
