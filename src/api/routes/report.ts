/**
 * GET /api/report?since=7d[&tz=Europe/Berlin]: what people did with Rivet and how well it
 * understood them, as JSON (src/observability/report.ts; `rivet report` prints the same).
 */
import { Hono } from 'hono';
import type { AssetCatalog } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import { parsePeriod, understandingReport, validTimeZone } from '../../observability/report.js';
import type { AppEnv } from '../context.js';
import { BadRequestError } from '../errors.js';


export function reportRoutes(deps: { db: Db; organizationId: string; assets: AssetCatalog | null; now?: () => Date }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/report', async (c) => {
    const since = c.req.query('since') ?? '7d';
    const ms = parsePeriod(since);
    if (ms === null) throw new BadRequestError('since must be a period like 7d, 24h, 30m or 2w');
    const timeZone = c.req.query('tz') ?? 'UTC';
    if (timeZone.length > 64 || !validTimeZone(timeZone)) throw new BadRequestError('tz must be a time zone like Europe/Berlin');
    const until = deps.now?.() ?? new Date();
    const report = await understandingReport(deps.db, {
      organizationId: deps.organizationId,
      since: new Date(until.getTime() - ms),
      until,
      timeZone,
      assetName: (id) => deps.assets?.get(id)?.name ?? null,
    });
    return c.json(report);
  });
  return app;
}
