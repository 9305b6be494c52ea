/**
 * `npm run fuzz [-- --count 10000 --seed 1 --concurrency 16]`: the real Rivet (real PostgreSQL and
 * Redis from the test settings, the fakes of test/fakes for Telegram, Atlas, Slack and Stripe)
 * receives seeded, correctly signed but hostile bodies on every webhook and /api route — NUL, lone
 * surrogates, deep nesting, huge strings, wrong types, broken JSON, chunked oversize uploads — and
 * the counts are printed: requests by status, 5xx (must be 0), dropped connections (0), RSS before
 * and after, and /health afterwards. Exits 1 when any 5xx or dropped connection was seen.
 */
import { parseArgs } from 'node:util';
import { count as countRows, eq, sql } from 'drizzle-orm';
import { outbox } from '../src/db/schema.js';
import { startEdge } from '../test/webhooks/edge-harness.js';
import { fuzzCases } from '../test/webhooks/fuzz-cases.js';
import { runFuzz } from '../test/webhooks/fuzz-runner.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '16' },
    'oversize-every': { type: 'string', default: '200' },
    'oversize-mb': { type: 'string', default: '64' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;

process.env.E2E_LOG_LEVEL ??= 'silent';
const edge = await startEdge();
try {
  const cases = fuzzCases(seed, count, { now: edge.clock.now().getTime(), oversizeEvery: Number(values['oversize-every']), oversizeBytes: Number(values['oversize-mb']) * MB });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = Date.now();
  console.log(`fuzz: ${count} bodies, seed ${seed}, concurrency ${values.concurrency}, a chunked ${values['oversize-mb']} MB upload every ${values['oversize-every']}`);
  const stats = await runFuzz(edge, cases, { concurrency: Number(values.concurrency), onProgress: (n) => process.stdout.write(`  ${n}/${count}\r`) });
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;
  const health = await fetch(`${edge.rivet.url}/health`);
  const healthBody = await health.text();
  // Behind the edge: what the jobs made of what was accepted (they may still be working).
  const jobs = await edge.tdb.database.db
    .select({ status: outbox.status, n: countRows() })
    .from(outbox)
    .groupBy(outbox.status);
  const failedJobs = await edge.tdb.database.db
    .select({ name: outbox.name, error: sql<string>`left(${outbox.lastError}, 120)`, n: countRows() })
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .groupBy(outbox.name, sql`left(${outbox.lastError}, 120)`)
    .orderBy(sql`count(*) desc`)
    .limit(8);

  const mutations: Record<string, number> = {};
  for (let i = 0; i < cases.count; i++) {
    const m = cases.at(i).mutation;
    mutations[m] = (mutations[m] ?? 0) + 1;
  }
  console.log(`\nrequests:           ${stats.sent} in ${seconds.toFixed(1)} s (${(stats.sent / seconds).toFixed(0)}/s)`);
  console.log(`by status:          ${JSON.stringify(stats.byStatus)}`);
  for (const [route, counts] of Object.entries(stats.byRoute)) console.log(`  ${route.padEnd(9)}         ${JSON.stringify(counts)}`);
  console.log(`mutations:          ${JSON.stringify(mutations)}`);
  console.log(`5xx:                ${stats.serverErrors}`);
  console.log(`dropped:            ${stats.dropped}`);
  console.log(`RSS:                before ${mb(rssBefore)}, peak ${mb(peak)}, after ${mb(rssAfter)} (service and client in one process)`);
  console.log(`/health afterwards: ${health.status} ${healthBody}`);
  console.log(`jobs (outbox):      ${JSON.stringify(Object.fromEntries(jobs.map((j) => [j.status, Number(j.n)])))}`);
  for (const f of failedJobs) console.log(`  failed ${String(f.n).padStart(5)} × ${f.name}: ${f.error}`);
  for (const f of stats.failures) console.log(`  FAILED ${JSON.stringify(f)}`);
  process.exitCode = stats.serverErrors === 0 && stats.dropped === 0 && health.status === 200 ? 0 : 1;
} finally {
  await edge.close();
}
process.exit(process.exitCode ?? 0);
