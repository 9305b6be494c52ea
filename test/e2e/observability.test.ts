/**
 * Observability end to end: the real Rivet with tracing to a local LangSmith collector, Telegram
 * and Atlas fakes, real PostgreSQL and Redis. A report through the webhook is one trace per
 * update (interpretation with its candidates and scores, the disambiguation, the decision, the
 * jobs and their Atlas calls), with metadata and no secret; a technician's correction is recorded
 * and sent as feedback on the trace; the counters in GET /metrics move (behind the key or the
 * metrics token); and with the collector refusing or hanging the replies still come, while the
 * drop counter moves.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feedback } from '../../src/db/schema.js';
import { personHash } from '../../src/integrations/langsmith/index.js';
import { textUpdate } from '../fakes/telegram/updates.js';
import { startFakeLangSmith, type FakeLangSmith, type ReceivedRun } from '../fakes/langsmith/index.js';
import { person, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

const API_KEY = 'e2e-admin-key-0123456789';
const METRICS_TOKEN = 'e2e-scrape-token-0123456789';
const LS_KEY = 'lsv2_pt_e2e0123456789abcdef0123456789';

let e: E2E;
let ls: FakeLangSmith;
beforeAll(async () => {
  ls = await startFakeLangSmith();
  e = await startE2E({
    env: { LANGSMITH_TRACING: 'true', LANGSMITH_ENDPOINT: ls.url, LANGSMITH_API_KEY: LS_KEY, LANGSMITH_PROJECT: 'rivet-e2e', RIVET_API_KEY: API_KEY, METRICS_TOKEN },
    rivet: { telemetry: { exporter: { flushIntervalMs: 50, timeoutMs: 400, maxPauseMs: 100 } } },
  });
});
afterAll(async () => {
  await e?.close();
  await ls?.close();
});

async function scrape(token = METRICS_TOKEN): Promise<string> {
  const res = await fetch(`${e.rivet.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}
/** The value of one sample (0 when absent); `labels` must all match. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(\{(.*)\})? ([0-9.e+-]+|NaN)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[4]);
  }
  return total;
}
const traceOf = (name: RegExp, where: (r: ReceivedRun) => boolean) => ls.runs.find((r) => !r.parent_run_id && name.test(r.name) && where(r));

describeWith(['postgres', 'redis'], 'LangSmith traces of a report', () => {
  it('one trace per update: interpretation with candidates and scores, the disambiguation, the jobs and their Atlas calls; feedback on the trace', async () => {
    const ana = person('Ana');
    await e.post(textUpdate(ana, 'exhaust fan EF-1 is making a loud noise, urgent'));
    await e.waitForText(ana.id, /Which one/);
    await e.tap(ana, ana.id, /Roof/); // not the first one offered
    await e.waitForText(ana.id, /New work order/);
    await e.tap(ana, ana.id, /Create/);
    await e.waitForText(ana.id, /^Filed WO\d{6}/);
    await e.idle();
    await e.rivet.observability.tracing.flush();

    const personId = (await e.tdb.repos.users.byTelegramId(ana.id))!.id;
    const first = await until(() => traceOf(/^telegram text$/, (r) => /exhaust fan EF-1/.test(String(r.inputs.description))), 8_000, 'the first message trace');
    expect(first.extra.metadata).toMatchObject({ channel: 'telegram', organization: e.rivet.organization.id, plan: 'beta', role: 'technician', person_hash: personHash(personId) });
    expect(first.tags).toEqual(expect.arrayContaining(['telegram', 'text']));
    expect(first.session_name).toBe('rivet-e2e');

    const steps = () => ls.trace(first.id);
    const interpret = steps().find((r) => r.name === 'interpret')!;
    expect(interpret.parent_run_id).toBeDefined();
    expect(interpret.inputs.text).toBe('exhaust fan EF-1 is making a loud noise, urgent');
    expect(interpret.outputs).toMatchObject({ intent: 'create_work_order', priority: 'HIGH', asset: { mention: expect.stringMatching(/EF-1/i), decision: 'ambiguous' } });
    expect(interpret.outputs.confidence).toEqual(expect.any(Number));
    const candidates = interpret.outputs.asset.candidates as { id: number; name: string; score: number }[];
    expect(candidates.length).toBeGreaterThanOrEqual(3);
    for (const c of candidates) expect(c).toEqual({ id: expect.any(Number), name: expect.stringMatching(/EF-1/), location: expect.any(String), score: expect.any(Number) });
    expect(steps().find((r) => r.name === 'disambiguation')!.outputs).toEqual({ outcome: 'asked' });
    expect(steps().find((r) => r.name === 'decide')!.outputs).toMatchObject({ next: 'choose_asset', replies: [expect.stringMatching(/Which one/)] });
    // The reply went out as a job of the same trace.
    await until(() => steps().some((r) => r.name === 'job send' && r.outputs.outcome === 'done'), 8_000, 'the send job in the trace');

    // The Create tap: its trace holds the filing job and its Atlas calls (method, path, status; nothing else).
    const create = await until(() => ls.runs.find((r) => r.name === 'job createWorkOrder' && r.outputs.outcome === 'done'), 8_000, 'the filing job');
    const atlasCalls = ls.trace(create.trace_id).filter((r) => r.name.startsWith('atlas '));
    const post = atlasCalls.find((r) => r.name === 'atlas POST /work-orders')!;
    expect(post).toMatchObject({ run_type: 'tool', parent_run_id: create.id, inputs: { method: 'POST', path: '/work-orders' }, outputs: { status: expect.any(Number), ms: expect.any(Number) } });
    expect(Object.keys(post.inputs).sort()).toEqual(['method', 'path']);

    // The technician picked another machine: recorded, tied to the first message's trace, sent as feedback on it.
    const rows = await e.tdb.database.db.select().from(feedback).where(eq(feedback.personId, personId));
    const choice = rows.find((r) => r.kind === 'asset_choice')!;
    expect(choice).toMatchObject({ score: 0, traceId: first.id, source: 'technician' });
    expect(rows.find((r) => r.kind === 'report_confirmed')).toMatchObject({ score: 1, traceId: first.id });
    await until(() => ls.feedback.find((f) => f.key === 'asset_choice' && f.run_id === first.id), 8_000, 'feedback on the trace');
    expect(ls.feedback.find((f) => f.key === 'asset_choice' && f.run_id === first.id)).toMatchObject({ trace_id: first.id, score: 0, correction: { assetId: expect.any(Number) } });

    // No secret anywhere in what was sent: the bot token, Atlas's password, its tokens, the person's id.
    const sent = ls.bodies.join('\n');
    for (const secret of [e.tg.token, e.atlas.credentials.password, personId, API_KEY]) expect(sent).not.toContain(secret);
    expect(sent).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./);
  });
});

describeWith(['postgres', 'redis'], 'GET /metrics', () => {
  it('refuses without the API key or the metrics token', async () => {
    expect((await fetch(`${e.rivet.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${e.rivet.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    expect((await fetch(`${e.rivet.url}/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } })).status).toBe(200);
  });

  it('moves as messages flow: in and out by channel, intents and confidence, disambiguation, Atlas, jobs, webhooks, queues', async () => {
    const before = await scrape();
    const bo = person('Bo');
    await e.post(textUpdate(bo, 'Pump P-501 leaking oil'));
    await e.waitForText(bo.id, /New work order/);
    await e.tap(bo, bo.id, /Create/);
    await e.waitForText(bo.id, /^Filed WO/);
    expect((await e.post(textUpdate(bo, 'hello'), { secret: 'wrong-secret' })).status).toBe(401);
    await e.idle();
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('rivet_messages_in_total', { channel: 'telegram', event: 'text' })).toBeGreaterThanOrEqual(1);
    expect(moved('rivet_messages_in_total', { channel: 'telegram', event: 'tap' })).toBeGreaterThanOrEqual(1);
    expect(moved('rivet_messages_out_total', { channel: 'telegram' })).toBeGreaterThanOrEqual(2);
    expect(moved('rivet_intents_total', { channel: 'telegram', intent: 'create_work_order' })).toBe(1);
    expect(moved('rivet_intent_confidence_total', { intent: 'create_work_order' })).toBe(1);
    expect(moved('rivet_disambiguation_total', { outcome: 'resolved' })).toBe(1);
    expect(moved('rivet_feedback_total', { kind: 'report_confirmed', source: 'technician', score: '1' })).toBe(1);
    expect(moved('rivet_atlas_request_duration_seconds_count', { method: 'POST', endpoint: '/work-orders' })).toBeGreaterThanOrEqual(1);
    expect(moved('rivet_jobs_total', { queue: 'atlas', job: 'createWorkOrder', outcome: 'done' })).toBe(1);
    expect(moved('rivet_jobs_total', { queue: 'inbound', job: 'inbound', outcome: 'done' })).toBeGreaterThanOrEqual(2);
    expect(moved('rivet_webhook_deliveries_total', { source: 'telegram', result: 'accepted' })).toBeGreaterThanOrEqual(2);
    expect(moved('rivet_webhook_rejections_total', { source: 'telegram', reason: 'unauthorized' })).toBe(1);
    expect(after).toMatch(/^rivet_job_queue_depth\{mode="queue",queue="atlas",state="waiting"\} \d+$/m);
    expect(after).toContain('rivet_trace_items_sent_total');
  });
});

describeWith(['postgres', 'redis'], 'GET /api/report', () => {
  it('returns what people did and how well Rivet understood them, behind the API key', async () => {
    expect((await fetch(`${e.rivet.url}/api/report?since=7d`)).status).toBe(401);
    const auth = { authorization: `Bearer ${API_KEY}` };
    expect((await fetch(`${e.rivet.url}/api/report?since=lately`, { headers: auth })).status).toBe(400);
    const res = await fetch(`${e.rivet.url}/api/report?since=7d&tz=Europe/Berlin`, { headers: auth });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Record<string, any>;
    // Ana's report (the Roof fan, not the first offered) and Bo's (resolved at once) so far.
    expect(r.reportsFiled).toBeGreaterThanOrEqual(2);
    expect(r.firstCandidate).toMatchObject({ of: 2, right: 1 });
    expect(r.feedback.byKind.asset_choice).toEqual({ corrected: 1, confirmed: 0 });
    expect(r.timeToWorkOrder.reports).toBeGreaterThanOrEqual(2);
    expect(r.topAssets[0]).toMatchObject({ name: expect.any(String), reports: 1 });
    expect(r.timeZone).toBe('Europe/Berlin');
  });
});

describeWith(['postgres', 'redis'], 'with LangSmith down', () => {
  it('replies all the same while the collector refuses, and counts what it dropped', async () => {
    const dropped = sample(await scrape(), 'rivet_trace_items_dropped_total', { reason: 'send_failed' });
    ls.mode = 'refuse';
    try {
      const cy = person('Cy');
      await e.post(textUpdate(cy, 'hello'));
      await e.waitForText(cy.id, /./);
      await until(async () => sample(await scrape(), 'rivet_trace_items_dropped_total', { reason: 'send_failed' }) > dropped, 8_000, 'the drop counter to move');
    } finally {
      ls.mode = 'ok';
    }
  });

  it('replies all the same while the collector hangs', async () => {
    ls.mode = 'hang';
    try {
      const di = person('Di');
      const dropped = sample(await scrape(), 'rivet_trace_items_dropped_total', { reason: 'send_failed' });
      await e.post(textUpdate(di, 'Pump P-501 leaking oil'));
      await e.waitForText(di.id, /New work order/);
      await until(async () => sample(await scrape(), 'rivet_trace_items_dropped_total', { reason: 'send_failed' }) > dropped, 8_000, 'the drop counter to move');
    } finally {
      ls.mode = 'ok';
    }
  });
});

describeWith(['postgres', 'redis'], 'with tracing off', () => {
  it('makes no request to LangSmith, even with an endpoint configured, and still counts and records', async () => {
    const quiet = await startFakeLangSmith();
    const off = await startE2E({ env: { LANGSMITH_ENDPOINT: quiet.url, LANGSMITH_API_KEY: LS_KEY, METRICS_TOKEN } });
    try {
      expect(off.rivet.observability.tracing.enabled).toBe(false);
      const fay = person('Fay');
      await off.post(textUpdate(fay, 'exhaust fan EF-1 is making a loud noise'));
      await off.waitForText(fay.id, /Which one/);
      await off.tap(fay, fay.id, /Roof/);
      await off.waitForText(fay.id, /New work order/);
      await off.idle();
      await off.rivet.observability.tracing.flush();
      expect(quiet.requests).toEqual([]);
      const rows = await off.tdb.database.db.select().from(feedback).where(eq(feedback.kind, 'asset_choice'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ score: 0, traceId: null, sentAt: null });
      const res = await fetch(`${off.rivet.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(sample(await res.text(), 'rivet_disambiguation_total', { outcome: 'picked_other' })).toBe(1);
    } finally {
      await off.close();
      await quiet.close();
    }
  });
});
