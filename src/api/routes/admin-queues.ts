/**
 * /admin/queues: bull-board over every queue (failed jobs, retry, clean), behind the admin key.
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

export function adminQueuesRoutes(deps: { queues: Queue[]; apiKey: string | null; basePath?: string }): Hono<AppEnv> {
  const board = new HonoAdapter(serveStatic).setBasePath(deps.basePath ?? ADMIN_QUEUES_PATH);
  createBullBoard({
    // bull-board types its adapter against bullmq 5; the Queue API it uses is the same in 6.
    queues: deps.queues.map((q) => new BullMQAdapter(q as never)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Rivet jobs' } },
  });
  const app = new Hono<AppEnv>();
  app.use('*', adminKey(deps.apiKey));
  app.route('/', board.registerPlugin() as unknown as Hono<AppEnv>);
  return app;
}
