/**
 * `rivet report [--since 7d] [--json] [--tz Europe/Berlin]`: what people did with Rivet and how
 * well it understood them (src/observability/report.ts), read from Rivet's own records. Works
 * without the service running.
 */
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { formatReport, parsePeriod, understandingReport, validTimeZone } from '../observability/report.js';
import { openData } from '../wiring/database.js';

const USAGE = 'Usage: rivet report [--since 7d] [--json] [--tz Europe/Berlin]   (periods: 30m, 24h, 7d, 2w)\n';


export async function reportCommand(args: string[], deps: { config: Config; logger: Logger; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; now?: Date }): Promise<number> {
  let values: { since?: string; json?: boolean; tz?: string };
  try {
    ({ values } = parseArgs({ args, options: { since: { type: 'string' }, json: { type: 'boolean' }, tz: { type: 'string' } }, strict: true }));
  } catch (err) {
    deps.stderr.write(`rivet report: ${(err as Error).message}\n${USAGE}`);
    return 64;
  }
  const ms = parsePeriod(values.since ?? '7d');
  if (ms === null) {
    deps.stderr.write(`rivet report: --since: not a period like 7d\n${USAGE}`);
    return 64;
  }
  const timeZone = values.tz ?? 'UTC';
  if (!validTimeZone(timeZone)) {
    deps.stderr.write(`rivet report: --tz: unknown time zone "${timeZone.slice(0, 60)}"\n${USAGE}`);
    return 64;
  }
  const data = await openData(deps.config, deps.logger);
  try {
    const until = deps.now ?? new Date();
    const report = await understandingReport(data.database.db, { organizationId: data.organization.id, since: new Date(until.getTime() - ms), until, timeZone });
    deps.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  } finally {
    await data.database.close();
  }
}
