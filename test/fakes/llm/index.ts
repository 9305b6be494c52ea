/**
 * A local OpenAI-compatible chat-completions server (POST /v1/chat/completions), as OpenAI,
 * Ollama, vLLM and llama.cpp speak it. `answer` decides the assistant message's content from the
 * request; `mode` makes it misbehave: answer with prose instead of JSON, hang, fail with 500,
 * or refuse with 401.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatRequest {
  headers: Record<string, string | string[] | undefined>;
  body: { model: string; messages: { role: string; content: string }[]; response_format?: unknown; temperature?: number };
  /** The user message's JSON (message, rivetReading, candidates). */
  asked: { message: string; rivetReading: Record<string, unknown>; candidates: { id: number; label: string }[] };
}

export interface FakeLlm {
  url: string;
  requests: ChatRequest[];
  mode: 'ok' | 'prose' | 'hang' | 'error' | 'unauthorized';
  answer: (req: ChatRequest) => unknown;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const sockets = new Set<Socket>();
  const fake: FakeLlm = {
    url: '',
    requests: [],
    mode: 'ok',
    answer: () => ({ intent: 'smalltalk', priority: null, workOrderNumber: null, status: null, assetId: null }),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as ChatRequest['body'];
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '{}';
      const request: ChatRequest = { headers: req.headers, body, asked: JSON.parse(user) };
      fake.requests.push(request);
      if (fake.mode === 'hang') return; // never answers
      if (fake.mode === 'error') return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
      if (fake.mode === 'unauthorized') return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key"}}');
      const content = fake.mode === 'prose' ? 'I think this is probably a report about a machine.' : JSON.stringify(fake.answer(request));
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] }),
      );
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
