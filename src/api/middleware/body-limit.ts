/**
 * Every request body is read through a limit before anything else looks at it (createApp applies
 * this once, for every route, with the limit its mount declares). A declared Content-Length over
 * the limit is refused without reading a byte; a chunked body is counted as it streams in and cut
 * off at the limit, so memory never holds more than `maxBytes` of one request. The rest of the
 * upload is drained briefly and the socket closed by the server (@hono/node-server).
 */
import type { Context, MiddlewareHandler } from 'hono';
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
  /**
   * The answer instead of a 413, when the route has one: e.g. a webhook whose sender is already
   * authenticated by a header and would redeliver a refusal forever. Undefined: 413.
   */
  tooLarge?: (c: Context<AppEnv>) => Response | undefined;
}

const matches = (path: string, prefix: string) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);

/** One middleware for the whole app: the longest matching prefix decides the limit. */
export function limitBodies(rules: BodyLimitRule[], fallbackBytes = DEFAULT_BODY_BYTES): MiddlewareHandler<AppEnv> {
  const sorted = [...rules].sort((a, b) => b.prefix.length - a.prefix.length);
  const limiter = (rule: BodyLimitRule): MiddlewareHandler<AppEnv> =>
    bodyLimit({
      maxSize: rule.maxBytes,
      onError: (c) => {
        // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
        c.header('Connection', 'close');
        const instead = rule.tooLarge?.(c as Context<AppEnv>);
        c.get('logger')?.warn({ maxBytes: rule.maxBytes, path: c.req.path, answered: instead ? instead.status : 413 }, 'request body over the limit');
        if (instead) return instead;
        throw new PayloadTooLargeError(rule.maxBytes);
      },
    }) as MiddlewareHandler<AppEnv>;
  const limiters = new Map(sorted.map((r) => [r, limiter(r)] as const));
  const fallback = limiter({ prefix: '', maxBytes: fallbackBytes });
  return async (c, next) => {
    const rule = sorted.find((r) => matches(c.req.path, r.prefix));
    const limited = rule ? limiters.get(rule)! : fallback;
    // A declared length is checked from the header alone (as hono's bodyLimit does, but without
    // touching `c.req.raw.body`, which would make @hono/node-server wrap every request in a web
    // stream and read the body through it: the webhook's hot path reads the body directly).
    // Node's parser never delivers more than the declared length. Chunked bodies are counted.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && /^\d+$/.test(length)) {
      return Number(length) > (rule?.maxBytes ?? fallbackBytes) ? limited(c, next) : next();
    }
    return limited(c, next);
  };
}
