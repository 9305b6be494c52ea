/**
 * The HTTP face of Rivet: health, the admin REST API under /api, and webhook routes.
 * Features contribute routes; errors are mapped to responses here and only here.
 */
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from './context.js';
import { HttpError, NotFoundError, type ErrorMapper } from './errors.js';
import { requireApiKey } from './middleware/api-key.js';
import { limitBodies, MAX_API_BODY_BYTES, type BodyLimitRule } from './middleware/body-limit.js';
import { requestContext } from './middleware/request-context.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';

export interface AppDeps {
  logger: Logger;
  apiKey: string | null;
  health: HealthDeps;
  /** Routes under /api, behind the admin key. */
  apiRoutes?: Hono<AppEnv>[];
  /** Other routes (webhooks, admin UI), each mounted at its path, with the largest body it takes. */
  routes?: RouteMount[];
  /** How other layers' errors become HTTP responses (e.g. Atlas errors → 502/503). */
  errorMappers?: ErrorMapper[];
}

export interface RouteMount {
  path: string;
  app: Hono<AppEnv>;
  /** Bodies over this are refused (413) before the route reads them; default 64 KiB. */
  maxBodyBytes?: number;
  /** The answer to an oversize body instead of 413 (see BodyLimitRule.tooLarge). */
  tooLarge?: BodyLimitRule['tooLarge'];
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(deps.logger));
  // Every body, on every route, is read through its limit first (one place; limits per mount).
  const limits = (deps.routes ?? []).flatMap((r) => (r.maxBodyBytes ? [{ prefix: r.path, maxBytes: r.maxBodyBytes, ...(r.tooLarge ? { tooLarge: r.tooLarge } : {}) }] : []));
  app.use('*', limitBodies([{ prefix: '/api', maxBytes: MAX_API_BODY_BYTES }, ...limits]));

  app.route('/', healthRoutes({ ...deps.health, apiKey: deps.apiKey }));

  const api = new Hono<AppEnv>();
  api.use('*', requireApiKey(deps.apiKey));
  for (const routes of deps.apiRoutes ?? []) api.route('/', routes);
  app.route('/api', api);

  for (const { path, app: sub } of deps.routes ?? []) app.route(path, sub);

  app.notFound(() => {
    throw new NotFoundError('No such route');
  });

  app.onError((err, c) => {
    const mapped = toHttpError(err, deps.errorMappers ?? []);
    const requestId = c.get('requestId') ?? null;
    const log = c.get('logger') ?? deps.logger;
    if (!(err instanceof HttpError) && mapped.status >= 500) log.error({ err }, 'request failed');
    else log.debug({ code: mapped.code, message: mapped.message }, 'request refused');
    const body: { error: { code: string; message: string; requestId: string | null; details?: unknown } } = {
      error: { code: mapped.code, message: mapped.message, requestId },
    };
    if (mapped.details !== undefined) body.error.details = mapped.details;
    return c.json(body, mapped.status);
  });
  return app;
}

function toHttpError(err: unknown, mappers: ErrorMapper[]): HttpError {
  if (err instanceof HttpError) return err;
  for (const map of mappers) {
    const mapped = map(err);
    if (mapped) return mapped;
  }
  return new HttpError(500, 'internal', 'Internal error');
}
