/**
 * /admin/queues: bull-board over every queue, behind the admin key. Read-only except retrying a
 * failed job (one, or a queue's failed ones) and removing one job: jobs are only ever written by
 * Rivet itself, so nobody can add a job, edit its data, pause, clean, empty or promote from here.
 * Browsers get a Basic-auth prompt (any user name, the key as password); scripts can send
 * `Authorization: Bearer <key>`.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ServiceUnavailableError } from '../errors.js';
import { secretsEqual } from '../middleware/api-key.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';

function adminKey(apiKey: string | null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!apiKey) throw new ServiceUnavailableError('api_disabled', 'The admin views are disabled: set RIVET_API_KEY to enable them');
    const header = (c.req.header('authorization') ?? '').trim();
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    const basic = /^Basic\s+(.+)$/i.exec(header)?.[1];
    const password = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
    const given = bearer ?? password;
    if (given !== undefined && secretsEqual(given, apiKey)) return next();
    return c.json({ error: { code: 'unauthorized', message: 'Missing or invalid API key', requestId: c.get('requestId') ?? null } }, 401, {
      'WWW-Authenticate': 'Basic realm="rivet admin", charset="UTF-8"',
    });
  };
}

/** The only changes allowed (method + path below the board's base path). */
const ALLOWED_CHANGES: RegExp[] = [
  /^PUT \/api\/queues\/[^/]+\/(?!(?:clean|retry)\/)[^/]+\/(retry|clean)$/, // one job: retry, remove
  /^PUT \/api\/queues\/[^/]+\/retry\/failed$/, // a queue's failed jobs, again
];

function readOnlyExceptRetryAndRemove(basePath: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method.toUpperCase();
    if (method === 'GET' || method === 'HEAD') return next();
    const path = c.req.path.startsWith(basePath) ? c.req.path.slice(basePath.length) : c.req.path;
    if (ALLOWED_CHANGES.some((re) => re.test(`${method} ${path}`))) return next();
    return c.json({ error: { code: 'forbidden', message: 'The queue dashboard is read-only except retrying and removing jobs', requestId: c.get('requestId') ?? null } }, 403);
  };
}

export function adminQueuesRoutes(deps: { queues: Queue[]; apiKey: string | null; basePath?: string }): Hono<AppEnv> {
  const basePath = deps.basePath ?? ADMIN_QUEUES_PATH;
  const board = new HonoAdapter(serveStatic).setBasePath(basePath);
  createBullBoard({
    // bull-board types its adapter against bullmq 5; the Queue API it uses is the same in 6.
    queues: deps.queues.map((q) => new BullMQAdapter(q as never)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Rivet jobs' } },
  });
  const app = new Hono<AppEnv>();
  app.use('*', adminKey(deps.apiKey));
  app.use('*', readOnlyExceptRetryAndRemove(basePath));
  app.route('/', board.registerPlugin() as unknown as Hono<AppEnv>);
  return app;
}
