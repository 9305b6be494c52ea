/**
 * Every request body is read through a limit before anything else looks at it (createApp applies
 * this once, for every route, with the limit its mount declares). A declared Content-Length over
 * the limit is refused without reading a byte; a chunked body is counted as it streams in and cut
 * off at the limit, so memory never holds more than `maxBytes` of one request. The rest of the
 * upload is drained briefly and the socket closed by the server (@hono/node-server).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.js';
import { HttpError } from '../errors.js';

/** Bodies of the admin API: JSON of a few fields (a work order's 9,000-character description fits). */
export const MAX_API_BODY_BYTES = 64 * 1024;
/** Any route that does not declare its own limit. */
export const DEFAULT_BODY_BYTES = 64 * 1024;

export class PayloadTooLargeError extends HttpError {
  constructor(readonly maxBytes: number) {
    super(413, 'too_large', `Request body over ${maxBytes} bytes`);
  }
}

export interface BodyLimitRule {
  /** A path prefix: the mount point of a route group ("/webhooks/atlas", "/api"). */
  prefix: string;
  maxBytes: number;
}

const matches = (path: string, prefix: string) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);

/** One middleware for the whole app: the longest matching prefix decides the limit. */
export function limitBodies(rules: BodyLimitRule[], fallbackBytes = DEFAULT_BODY_BYTES): MiddlewareHandler<AppEnv> {
  const sorted = [...rules].sort((a, b) => b.prefix.length - a.prefix.length);
  const limiters = new Map<number, MiddlewareHandler<AppEnv>>();
  const limiter = (maxBytes: number) => {
    let l = limiters.get(maxBytes);
    if (!l) {
      l = bodyLimit({
        maxSize: maxBytes,
        onError: (c) => {
          c.get('logger')?.warn({ maxBytes, path: c.req.path }, 'request body over the limit; refused');
          // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
          c.header('Connection', 'close');
          throw new PayloadTooLargeError(maxBytes);
        },
      }) as MiddlewareHandler<AppEnv>;
      limiters.set(maxBytes, l);
    }
    return l;
  };
  return async (c, next) => {
    const rule = sorted.find((r) => matches(c.req.path, r.prefix));
    return limiter(rule?.maxBytes ?? fallbackBytes)(c, next);
  };
}
