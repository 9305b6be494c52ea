/**
 * `rivet export-misses [--since 30d] > misses.jsonl`: the messages people corrected, one JSON line
 * each in the eval's format (src/observability/misses.ts), ready to review and add to the corpus.
 * The lines go to stdout; a count to stderr.
 */
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { createFeedbackRepository } from '../db/repositories/feedback.js';
import { missesFrom } from '../observability/misses.js';
import { parsePeriod } from '../observability/report.js';
import { openData } from '../wiring/database.js';

const USAGE = 'Usage: rivet export-misses [--since 30d] > misses.jsonl   (periods: 30m, 24h, 7d, 2w)\n';

export async function exportMissesCommand(args: string[], deps: { config: Config; logger: Logger; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; now?: Date }): Promise<number> {
  let values: { since?: string };
  try {
    ({ values } = parseArgs({ args, options: { since: { type: 'string' } }, strict: true }));
  } catch (err) {
    deps.stderr.write(`rivet export-misses: ${(err as Error).message}\n${USAGE}`);
    return 64;
  }
  const ms = parsePeriod(values.since ?? '30d');
  if (ms === null) {
    deps.stderr.write(`rivet export-misses: --since: not a period like 30d\n${USAGE}`);
    return 64;
  }
  const data = await openData(deps.config, deps.logger);
  try {
    const now = deps.now ?? new Date();
    const rows = await createFeedbackRepository(data.database.db).since(data.organization.id, new Date(now.getTime() - ms));
    const { lines, skipped } = missesFrom(rows);
    for (const line of lines) deps.stdout.write(`${JSON.stringify(line)}\n`);
    deps.stderr.write(`rivet export-misses: ${lines.length} corrected message${lines.length === 1 ? '' : 's'}${skipped ? ` (${skipped} without their words, left out)` : ''}\n`);
    return 0;
  } finally {
    await data.database.close();
  }
}
