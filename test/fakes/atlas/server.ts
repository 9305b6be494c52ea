/**
 * The fake's HTTP layer: serves the routes under /api (like the stock nginx), resolves credentials (§2),
 * rate-limits unauthenticated auth calls (§1.5), maps errors to `{success:false,message}` (§8.2), and applies faults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultBody, type FaultState } from './faults.js';
import { HttpError, type Ctx, type Reply, type Route, type World } from './http.js';
import { SearchError } from './search.js';
import type { FakeUser } from './store.js';

export interface RequestLog { method: string; path: string; status: number }

export interface ServerDeps {
  world: World;
  routes: Route[];
  faults: FaultState;
  requests: RequestLog[];
  onSignIn: () => void;
  unauthLimiter: { take(key: string): boolean };
  authLimiter: { take(key: string): boolean };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function resolveUser(req: IncomingMessage, world: World): FakeUser | null | 'unlicensed-key' {
  const key = req.headers['x-api-key'];
  if (typeof key === 'string' && key) {
    const ownerId = world.apiKeys.get(key);
    if (ownerId !== undefined) {
      if (!world.licensed) return 'unlicensed-key';
      const u = world.store.users.find((x) => x.id === ownerId);
      if (u && !u.enabled) throw new HttpError(401, 'User account is disabled');
      if (u) return u;
    }
  }
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) {
    const id = world.tokens.verify(auth.slice('Bearer '.length));
    const u = id === null ? undefined : world.store.users.find((x) => x.id === id);
    if (u?.enabled) return u;
  }
  return null;
}

export function createHandler(deps: ServerDeps) {
  const { world, routes, faults } = deps;

  async function dispatch(req: IncomingMessage, path: string, query: URLSearchParams, rawBody: Buffer): Promise<Reply> {
    const method = req.method ?? 'GET';
    const matching = routes.filter((r) => r.pattern.test(path));
    const route = matching.find((r) => r.method === method);
    const isPublic = route?.public === true;
    const remote = String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim() || req.socket.remoteAddress || 'unknown';
    let user: FakeUser | null = null;
    if (isPublic) {
      if (path.startsWith('/auth/') && !deps.unauthLimiter.take(remote)) {
        return { status: 429, body: { error: 'Rate limit exceeded', message: 'Too many requests. Please try again later.' } };
      }
    } else {
      const resolved = resolveUser(req, world);
      if (resolved === 'unlicensed-key') throw new HttpError(403, 'Access denied'); // §2.2
      if (!resolved) throw new HttpError(403, '', true); // §2.4: no credential, empty body
      user = resolved;
      if (!deps.authLimiter.take(`user:${user.id}`)) {
        return { status: 429, body: { error: 'Rate limit exceeded', message: 'Too many requests. Please try again later.' } };
      }
    }
    if (!route) {
      if (matching.length) throw new HttpError(405, `Request method '${method}' is not supported`);
      throw new HttpError(500, `No static resource ${path.slice(1)}.`);
    }
    if (path === '/auth/signin') deps.onSignIn();
    const ctx: Ctx = {
      method, path, query, headers: req.headers, rawBody, user, remote,
      params: (route.pattern.exec(path) ?? []).slice(1),
      json() {
        const ct = String(req.headers['content-type'] ?? '');
        if (!ct.startsWith('application/json')) throw new HttpError(500, `Content-Type '${ct || 'application/octet-stream'}' is not supported`);
        try {
          return JSON.parse(rawBody.toString('utf8'));
        } catch (e) {
          throw new HttpError(500, `JSON parse error: ${(e as Error).message}`);
        }
      },
      async formData() {
        const r = new Request('http://fake/upload', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: rawBody });
        return r.formData();
      },
    };
    return route.handle(ctx, world);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req);
    } catch {
      return;
    }
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found (nginx)</body></html>');
      return;
    }
    const path = url.pathname.slice('/api'.length) || '/';
    const log = (status: number) => deps.requests.push({ method, path, status });
    const delay = faults.latencyMs + faults.takeDelay(method, path);
    if (delay > 0) await sleep(delay);
    const failure = faults.takeFailure(world.now(), method, path);
    if (failure !== null) {
      const { contentType, body } = faultBody(failure);
      log(failure);
      res.writeHead(failure, { 'content-type': contentType }).end(body);
      return;
    }
    let reply: Reply;
    try {
      reply = await dispatch(req, path, url.searchParams, rawBody);
    } catch (e) {
      if (e instanceof HttpError) reply = e.empty ? { status: e.status, empty: true } : { status: e.status, body: { success: false, message: e.message } };
      else if (e instanceof SearchError) reply = { status: e.status, body: { success: false, message: e.message } };
      else reply = { status: 500, body: { success: false, message: e instanceof Error ? e.message : String(e) } };
    }
    if (faults.takeDrop(method, path)) {
      log(0);
      req.socket.destroy(); // handled in full; the caller never learns the outcome
      return;
    }
    let text = reply.empty ? '' : JSON.stringify(reply.body ?? null);
    if (reply.status < 300) {
      const malform = faults.takeMalform();
      if (malform === 'invalid-json') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      if (malform === 'wrong-shape') text = JSON.stringify({ unexpected: true });
    }
    log(reply.status);
    if (reply.empty) res.writeHead(reply.status, { 'content-length': '0' }).end();
    else res.writeHead(reply.status, { 'content-type': 'application/json' }).end(text);
  };
}
