/**
 * The job pipeline observed, in both modes: a job written inside a trace runs as a step of that
 * trace (its row carries the trace to whichever worker runs it), its Atlas calls nested under it;
 * every run's outcome counts in the metrics (done, failed for good), and queue depths are read per
 * mode at scrape time.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PermanentSendError, type ChatTransport } from '../../src/core/ports.js';
import { createAtlasClient } from '../../src/integrations/atlas/index.js';
import { createLangSmithTracer, type LangSmithTracing } from '../../src/integrations/langsmith/index.js';
import { observedAtlasFetch } from '../../src/observability/atlas.js';
import { createMetrics, watchQueues, type Metrics } from '../../src/observability/metrics.js';
import { startFakeLangSmith, type FakeLangSmith } from '../fakes/langsmith/index.js';
import { report, RecordingTransport, startHarness, waitFor, type Harness , describeEachRunner } from './helpers.js';

describeEachRunner('%s mode', (mode) => {
  let h: Harness;
  let ls: FakeLangSmith;
  let tracing: LangSmithTracing;
  let metrics: Metrics;
  beforeAll(async () => {
    h = await startHarness({ mode });
    ls = await startFakeLangSmith();
    tracing = createLangSmithTracer({ tracing: true, apiKey: 'lsv2_pt_jobs0123456789abcdef', endpoint: ls.url, project: null }, { exporter: { flushIntervalMs: 20 } });
    metrics = createMetrics({ defaults: false });
  });
  afterAll(async () => {
    await h?.close();
    await tracing?.close();
    await ls?.close();
  });

  it('a job enqueued in a trace continues it, with its Atlas calls; its outcome is counted', async () => {
    const atlas = createAtlasClient({
      baseUrl: h.atlasFake.url,
      auth: { kind: 'password', email: h.atlasFake.credentials.email, password: h.atlasFake.credentials.password },
      logger: h.logger,
      fetch: observedAtlasFetch({ baseUrl: h.atlasFake.url, metrics, tracing }),
    });
    const chat = new RecordingTransport();
    const jobs = h.system({
      atlas,
      transports: { telegram: chat },
      observers: { tracing, settled: (job, outcome) => metrics.jobs.inc({ queue: job.queue, job: job.name, outcome }) },
    });
    watchQueues(metrics, jobs);
    await jobs.startWorkers();
    const cmd = report(h);
    const traceId = await tracing.trace('telegram tap', {}, async (run) => {
      await jobs.dispatcher.createWorkOrder(cmd);
      return run.traceId!;
    });
    await waitFor('the filing notice', () => chat.texts('555').find((t) => /^Filed WO/.test(t)));
    await waitFor('the job to be counted', async () => (await metrics.registry.getSingleMetricAsString('rivet_jobs_total')).includes('job="createWorkOrder",outcome="done"} 1'));
    await tracing.flush();
    const runs = await waitFor('the job in the trace', async () => {
      await tracing.flush();
      const t = ls.trace(traceId);
      return t.some((r) => r.name === 'job createWorkOrder') && t.some((r) => r.name === 'job send') ? t : null;
    });
    const job = runs.find((r) => r.name === 'job createWorkOrder')!;
    expect(job).toMatchObject({ parent_run_id: traceId, outputs: { outcome: 'done' }, extra: { metadata: { queue: 'atlas', attempt: 1 } } });
    expect(runs.filter((r) => r.parent_run_id === job.id).map((r) => r.name)).toContain('atlas POST /work-orders');
    expect(runs.find((r) => r.name === 'job send')!.dotted_order.startsWith(job.dotted_order)).toBe(true);

    const depth = await metrics.registry.getSingleMetricAsString('rivet_job_queue_depth');
    expect(depth).toMatch(new RegExp(`rivet_job_queue_depth\\{mode="${mode}",queue="atlas",state="waiting"\\} \\d+`));
    await jobs.close(); // the next test's worker alone takes the next jobs
  });

  it('a job that fails for good is counted as failed, and a job outside any trace traces nothing', async () => {
    const refusing: ChatTransport = { send: async () => Promise.reject(new PermanentSendError('403 blocked by the user')) };
    const jobs = h.system({ transports: { telegram: refusing }, observers: { tracing, settled: (job, outcome) => metrics.jobs.inc({ queue: job.queue, job: job.name, outcome }) } });
    await jobs.startWorkers();
    const before = ls.runs.length;
    await jobs.dispatcher.send({ idempotencyKey: `blocked-${mode}`, to: { channel: 'telegram', chatId: '777' }, text: 'hello' });
    await waitFor('the failure to be counted', async () => (await metrics.registry.getSingleMetricAsString('rivet_jobs_total')).includes('job="send",outcome="failed"} 1'));
    await tracing.flush();
    expect(ls.runs.slice(before).filter((r) => r.name === 'job send')).toEqual([]);
  });
});
