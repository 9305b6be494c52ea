/**
 * A local stand-in for the LangSmith collector, speaking the two calls the SDK makes: GET /info
 * and POST /runs/multipart (parsed: `post.<id>` with its `.inputs`, `.outputs`, `.extra` parts,
 * and `feedback.<id>`). It records what arrives, and can refuse (500), drop connections, or hang.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRun {
  id: string;
  name: string;
  run_type: string;
  trace_id: string;
  parent_run_id?: string;
  dotted_order: string;
  start_time: string;
  end_time?: string;
  tags?: string[];
  session_name?: string;
  error?: string;
  inputs: Record<string, any>;
  outputs: Record<string, any>;
  extra: { metadata?: Record<string, any> } & Record<string, any>;
}

export interface ReceivedFeedback {
  id: string;
  run_id: string;
  trace_id: string;
  key: string;
  score: number | null;
  value?: unknown;
  correction?: any;
  comment?: string;
  feedback_source?: { type: string; metadata: Record<string, unknown> };
}

export interface FakeLangSmith {
  url: string;
  /** Every request: method, path, headers. */
  requests: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  /** Raw request bodies of POSTs (for "no secret anywhere" checks). */
  bodies: string[];
  runs: ReceivedRun[];
  feedback: ReceivedFeedback[];
  mode: 'ok' | 'refuse' | 'hang';
  /** Runs of one trace, in dotted order. */
  trace(traceId: string): ReceivedRun[];
  /** Drops the connections of requests left hanging (the client sees a reset). */
  releaseHanging(): void;
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeLangSmith(): Promise<FakeLangSmith> {
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const fake: FakeLangSmith = {
    url: '',
    requests: [],
    bodies: [],
    runs: [],
    feedback: [],
    mode: 'ok',
    releaseHanging: () => {
      for (const r of hanging) r.destroy();
      hanging.clear();
    },
    trace: (traceId) => fake.runs.filter((r) => r.trace_id === traceId).sort((a, b) => a.dotted_order.localeCompare(b.dotted_order)),
    close: async () => {
      for (const r of hanging) r.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  async function multipart(req: IncomingMessage, body: Buffer): Promise<void> {
    const form = await new Response(body, { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
    const posts = new Map<string, Record<string, any>>();
    for (const [name, value] of form.entries()) {
      const text = typeof value === 'string' ? value : await value.text();
      const json = JSON.parse(text) as Record<string, any>;
      const [kind, id, field] = name.split('.');
      if (kind === 'feedback') fake.feedback.push(json as ReceivedFeedback);
      else if (kind === 'post' && id) {
        const run = posts.get(id) ?? {};
        if (field) run[field] = json;
        else Object.assign(run, json);
        posts.set(id, run);
      }
    }
    for (const run of posts.values()) fake.runs.push({ inputs: {}, outputs: {}, extra: {}, ...run } as ReceivedRun);
  }

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    fake.requests.push({ method: req.method ?? '', path, headers: req.headers });
    const body = await read(req);
    if (fake.mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (fake.mode === 'refuse') {
      res.statusCode = 500;
      res.end('{"detail":"down"}');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && path === '/info') {
      res.end(JSON.stringify({ version: '0.11.0', batch_ingest_config: { use_multipart_endpoint: true, size_limit: 100, size_limit_bytes: 20_000_000 }, instance_flags: {} }));
      return;
    }
    if (req.method === 'POST' && path === '/runs/multipart') {
      fake.bodies.push(body.toString('utf8'));
      try {
        await multipart(req, body);
      } catch {
        res.statusCode = 422;
        res.end('{"detail":"unreadable multipart"}');
        return;
      }
      res.statusCode = 202;
      res.end('{}');
      return;
    }
    res.statusCode = 404;
    res.end('{"detail":"not found"}');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
