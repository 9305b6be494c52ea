/**
 * The LangSmith tracer against a local collector that parses what the SDK sends (GET /info,
 * POST /runs/multipart): nothing at all when off; when on, one trace per event with its steps
 * nested, a job continuing the trace it was enqueued in, feedback on the trace, secrets and
 * people's ids kept out; and when the collector refuses or hangs, the traced code is not held up
 * and what could not be sent is counted as dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLangSmithTracer, personHash } from '../../../src/integrations/langsmith/index.js';
import { startFakeLangSmith, type FakeLangSmith } from '../../fakes/langsmith/index.js';

let ls: FakeLangSmith;
beforeAll(async () => {
  ls = await startFakeLangSmith();
});
afterAll(() => ls?.close());

const KEY = 'lsv2_pt_0123456789abcdef0123456789abcdef';
async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const on = (o: Parameters<typeof createLangSmithTracer>[1] = {}) => createLangSmithTracer({ tracing: true, apiKey: KEY, endpoint: ls.url, project: 'rivet-test' }, o);

describe('LangSmith tracer', () => {
  it('is a pass-through when tracing is off: same results, no request at all', async () => {
    const before = ls.requests.length;
    const tracer = createLangSmithTracer({ tracing: false, apiKey: KEY, endpoint: ls.url, project: null });
    expect(tracer.enabled).toBe(false);
    const double = tracer.wrap('double', (n: number) => n * 2);
    expect(double(21)).toBe(42);
    expect(await tracer.trace('message', {}, async () => tracer.span('step', {}, () => 'x'))).toBe('x');
    tracer.event('disambiguation', { outputs: { outcome: 'asked' } });
    tracer.feedback({ traceId: '00000000-0000-7000-8000-000000000000', key: 'asset_choice', score: 0 });
    expect(tracer.capture()).toBeNull();
    await tracer.flush();
    expect(ls.requests.length).toBe(before);
  });

  it('sends one trace per event: steps nested in order, a job resumed from its carrier, feedback on the trace; secrets, emails and ids kept out', async () => {
    const tracer = on();
    const personId = '5b0c1a52-1111-4222-8333-444455556666';
    let carrier: unknown = null;
    const traceId = await tracer.trace(
      'telegram text',
      { inputs: { description: 'pump 301 leaking, mail ana@plant.example', apiKey: 'sk_live_abcdefgh12345678' }, metadata: { channel: 'telegram' }, tags: ['telegram'], outputs: (r: string) => ({ r }) },
      async (run) => {
        run.person(personId);
        run.metadata({ plan: 'pro' });
        const i = await tracer.span('interpret', { inputs: { text: 'pump 301 leaking' }, outputs: (x: { intent: string }) => x }, async () => ({ intent: 'create_work_order' }));
        tracer.event('disambiguation', { inputs: { mention: 'pump 301' }, outputs: { outcome: 'asked' } });
        const consult = tracer.wrap('llm-second-opinion', (q: { text: string }) => ({ intent: q.text.length > 3 ? 'create_work_order' : 'smalltalk' }), { runType: 'llm' });
        consult({ text: 'token 123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ in a string' });
        carrier = tracer.capture();
        expect(i.intent).toBe('create_work_order');
        return run.traceId!;
      },
    );
    expect(carrier).toMatchObject({ traceId });
    // Later, elsewhere: the job the message enqueued.
    await tracer.resume(carrier, 'job createWorkOrder', { metadata: { jobId: 'j1' } }, async () => {
      await tracer.span('atlas POST /work-orders', { runType: 'tool', inputs: { method: 'POST', path: '/work-orders' } }, async (r) => r.output({ status: 200 }));
    });
    tracer.feedback({ traceId, key: 'asset_choice', score: 0, correction: { assetId: 2 }, startTime: new Date() });
    await tracer.flush();

    expect(ls.requests.some((r) => r.method === 'GET' && r.path === '/info')).toBe(true);
    expect(ls.requests.filter((r) => r.method === 'POST').every((r) => r.path === '/runs/multipart' && r.headers['x-api-key'] === KEY)).toBe(true);
    const runs = ls.trace(traceId);
    expect(runs.map((r) => r.name)).toEqual(['telegram text', 'interpret', 'disambiguation', 'llm-second-opinion', 'job createWorkOrder', 'atlas POST /work-orders']);
    const [root, interpret, dis, llm, job, atlas] = runs;
    expect(root).toMatchObject({ id: traceId, run_type: 'chain', session_name: 'rivet-test', tags: ['telegram'], outputs: { r: traceId } });
    expect(root!.parent_run_id).toBeUndefined();
    expect(root!.extra.metadata).toEqual({ channel: 'telegram', plan: 'pro', person_hash: personHash(personId) });
    expect(root!.inputs).toEqual({ description: 'pump 301 leaking, mail [email]', apiKey: '[redacted]' });
    for (const child of [interpret, dis, llm, job]) expect(child!.parent_run_id).toBe(traceId);
    expect(interpret!.outputs).toEqual({ intent: 'create_work_order' });
    expect(dis!.outputs).toEqual({ outcome: 'asked' });
    expect(llm).toMatchObject({ run_type: 'llm', outputs: { output: { intent: 'create_work_order' } } });
    expect(JSON.stringify(llm!.inputs)).not.toContain('AAbbCCdd');
    expect(job!.extra.metadata).toEqual({ jobId: 'j1' });
    expect(atlas).toMatchObject({ parent_run_id: job!.id, run_type: 'tool', outputs: { status: 200 } });
    for (const r of runs) expect(Date.parse(r.end_time!)).toBeGreaterThanOrEqual(Date.parse(r.start_time.replace(/(\.\d{3})\d+Z$/, '$1Z')));

    expect(ls.feedback).toContainEqual(expect.objectContaining({ run_id: traceId, trace_id: traceId, key: 'asset_choice', score: 0, correction: { assetId: 2 } }));
    const everything = ls.bodies.join('\n');
    for (const secret of [personId, 'ana@plant.example', 'sk_live_abcdefgh12345678', 'AAbbCCddEEffGGhh']) expect(everything).not.toContain(secret);
    expect(tracer.stats().dropped).toEqual({ queue_full: 0, send_failed: 0 });
  });

  it('records a failing step as an error and still throws it; steps outside a trace are not traced', async () => {
    const tracer = on();
    await expect(tracer.trace('boom', {}, async () => tracer.span('inner', {}, () => {
      throw new Error('atlas said no');
    }))).rejects.toThrow('atlas said no');
    const sentBefore = ls.runs.length;
    expect(tracer.span('orphan', {}, () => 7)).toBe(7);
    expect(tracer.wrap('orphan-wrap', () => 8)()).toBe(8);
    tracer.event('orphan-event', {});
    await tracer.flush();
    const inner = ls.runs.find((r) => r.name === 'inner')!;
    expect(inner.error).toMatch(/atlas said no/);
    expect(ls.runs.find((r) => r.id === inner.trace_id)!.error).toMatch(/atlas said no/);
    expect(ls.runs.slice(sentBefore).map((r) => r.name)).not.toContain('orphan');
    expect(ls.runs.map((r) => r.name)).not.toEqual(expect.arrayContaining(['orphan-wrap', 'orphan-event']));
  });

  it('never holds the traced code up while the collector refuses or hangs, and counts what it drops', async () => {
    const dropped = { queue_full: 0, send_failed: 0 };
    const hooks = { dropped: (n: number, reason: 'queue_full' | 'send_failed') => void (dropped[reason] += n) };
    const refused = on({ exporter: { maxQueue: 5, flushIntervalMs: 10, timeoutMs: 300, maxPauseMs: 100 }, hooks });
    ls.mode = 'refuse';
    try {
      for (let i = 0; i < 20; i++) expect(await refused.trace('message', {}, async () => i)).toBe(i);
      await refused.flush();
      expect(dropped.queue_full).toBeGreaterThan(0);
      expect(dropped.send_failed).toBeGreaterThan(0);
      expect(refused.stats().dropped).toEqual(dropped);

      // A collector that never answers, and a timeout far longer than this test may run: were
      // tracing to wait for it, the second trace below could not finish.
      ls.mode = 'hang';
      const before = dropped.send_failed;
      const hung = on({ exporter: { flushIntervalMs: 10, timeoutMs: 120_000 }, hooks });
      await hung.trace('message', {}, async () => 'first');
      const asked = ls.requests.length;
      const sending = hung.flush();
      await until(() => ls.requests.length > asked, 'a hanging request');
      expect(await hung.trace('message', {}, async () => 'reply')).toBe('reply');
      ls.mode = 'refuse';
      ls.releaseHanging();
      await sending;
      expect(dropped.send_failed).toBeGreaterThan(before);
    } finally {
      ls.mode = 'ok';
    }
  });
});
