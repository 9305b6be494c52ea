/**
 * The language model's second opinion, against a local OpenAI-compatible server: a valid answer
 * is used (an asset only among the candidates), and an invalid, slow, failing or absent server
 * leaves Rivet's own reading — quickly, and without asking again for the same message.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlmSecondOpinion } from '../../../src/integrations/llm/index.js';
import type { SecondOpinionRequest } from '../../../src/core/understanding/second-opinion.js';
import { startFakeLlm, type FakeLlm } from '../../fakes/llm/index.js';
import { memoryLogger } from '../../helpers/logger.js';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());
beforeEach(() => {
  llm.requests.length = 0;
  llm.mode = 'ok';
});

const request = (text: string): SecondOpinionRequest => ({
  text,
  first: { intent: 'ask_human', priority: null, workOrderNumber: null, status: null, confidence: 0.4 },
  candidates: [
    { id: 11, label: 'Ice machine · 4 West' },
    { id: 12, label: 'Ice machine · 5 North' },
  ],
});

function client(timeoutMs = 3_000) {
  const log = memoryLogger();
  return { log, port: createLlmSecondOpinion({ url: llm.url, model: 'test-model', apiKey: 'sk-test-secret-key', timeoutMs, logger: log.logger }) };
}

describe('second opinion over chat completions', () => {
  it('asks with the model, the key, JSON output, Rivet’s reading and the candidates, and uses a valid answer', async () => {
    llm.answer = (r) => ({ intent: 'create_work_order', priority: 'HIGH', workOrderNumber: null, status: null, assetId: r.asked.candidates[1]!.id });
    const { port } = client();
    const o = await port.ask(request('the ice thing on 5 is pouring water everywhere'));
    expect(o).toEqual({ intent: 'create_work_order', priority: 'HIGH', workOrderNumber: null, status: null, assetId: 12 });
    const [r] = llm.requests;
    expect(r!.headers.authorization).toBe('Bearer sk-test-secret-key');
    expect(r!.body).toMatchObject({ model: 'test-model', temperature: 0, response_format: { type: 'json_object' } });
    expect(r!.asked.message).toBe('the ice thing on 5 is pouring water everywhere');
    expect(r!.asked.candidates.map((c) => c.id)).toEqual([11, 12]);
  });

  it('never takes an asset outside the candidates, nor an intent it does not know', async () => {
    const { port } = client();
    llm.answer = () => ({ intent: 'create_work_order', priority: 'URGENT!!', assetId: 999 });
    expect(await port.ask(request('ice machine broken again'))).toEqual({ intent: 'create_work_order', priority: null, workOrderNumber: null, status: null, assetId: null });
    llm.answer = () => ({ intent: 'order_pizza' });
    expect(await port.ask(request('something else entirely'))).toBeNull();
  });

  it('keeps Rivet’s reading when the answer is prose, and does not ask again for the same message', async () => {
    llm.mode = 'prose';
    const { port, log } = client();
    expect(await port.ask(request('hmm the thing'))).toBeNull();
    expect(await port.ask(request('hmm the thing'))).toBeNull();
    expect(llm.requests).toHaveLength(1);
    expect(log.lines.some((l) => /no second opinion/.test(String(l.msg)))).toBe(true);
    // The key never reaches the log.
    expect(JSON.stringify(log.lines)).not.toContain('sk-test-secret-key');
  });

  it('gives up on a model that does not answer in time, fails, refuses or is not there', async () => {
    llm.mode = 'hang';
    const { port } = client(300);
    const started = Date.now();
    expect(await port.ask(request('slow one'))).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_500);
    llm.mode = 'error';
    expect(await port.ask(request('failing one'))).toBeNull();
    llm.mode = 'unauthorized';
    expect(await port.ask(request('refused one'))).toBeNull();
    const gone = createLlmSecondOpinion({ url: 'http://127.0.0.1:9/v1', model: 'm', apiKey: null, timeoutMs: 500, logger: memoryLogger().logger });
    expect(await gone.ask(request('nobody home'))).toBeNull();
  });

  it('asks again after a failure that may pass (a 500), but answers a repeat from the cache', async () => {
    const { port } = client();
    llm.mode = 'error';
    await port.ask(request('retry me'));
    llm.mode = 'ok';
    llm.answer = () => ({ intent: 'check_status', workOrderNumber: 2250 });
    expect(await port.ask(request('retry me'))).toMatchObject({ intent: 'check_status', workOrderNumber: 2250 });
    expect(await port.ask(request('retry me'))).toMatchObject({ intent: 'check_status' });
    expect(llm.requests).toHaveLength(2);
  });
});
