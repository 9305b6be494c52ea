import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../context.js';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives each request an id (kept from X-Request-Id when sane) and a child logger carrying it. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', log);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const level = c.res.status >= 500 ? 'error' : c.res.status >= 400 ? 'warn' : 'debug';
    log[level]({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  };
}
