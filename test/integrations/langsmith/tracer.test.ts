import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLangSmithTracer } from '../../../src/integrations/langsmith/tracer.js';

/** A local stand-in for the LangSmith collector: records what the SDK sends. */
let server: Server;
let endpoint = '';
const received: { method: string; url: string; body: string }[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', body: await readBody(req) });
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/info')) res.end(JSON.stringify({ version: '0.0.0', batch_ingest_config: { use_multipart_endpoint: true } }));
    else res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('LangSmith tracer', () => {
  it('is a pass-through when tracing is off: same results, nothing sent', async () => {
    const tracer = createLangSmithTracer({ tracing: false, apiKey: null, endpoint, project: null });
    const double = tracer.wrap('double', (n: number) => n * 2);
    expect(double(21)).toBe(42);
    await tracer.flush();
    expect(received).toHaveLength(0);
  });

  it('sends a run named after the traced step to the configured endpoint, keeping the result', async () => {
    const tracer = createLangSmithTracer({ tracing: true, apiKey: 'lsv2-test', endpoint, project: 'rivet-test' });
    const interpret = tracer.wrap('interpret', async (text: string) => ({ intent: text.includes('leak') ? 'create_work_order' : 'smalltalk' }));
    expect(await interpret('pump 301 leaking')).toEqual({ intent: 'create_work_order' });
    await tracer.flush();
    const runs = received.filter((r) => r.method === 'POST' && r.url.includes('/runs'));
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.map((r) => r.body).join('')).toContain('interpret');
  });
});
