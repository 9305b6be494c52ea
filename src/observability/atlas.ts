/**
 * Every HTTP request to Atlas, watched from outside the client (its `fetch` option): latency and
 * errors per endpoint for the metrics, and, inside a trace, a run with the method, the path, the
 * status and how long it took. Nothing of the request's headers, query or body is kept: tokens
 * and passwords never leave.
 */
import type { Tracing } from '../core/ports.js';
import type { Metrics } from './metrics.js';

const MAX_SEGMENTS = 6;

/** "/work-orders/42/comments" → "/work-orders/:id/comments" (a bounded set of label values). */
export function endpointOf(path: string): string {
  const segs = path.split('/').filter(Boolean).slice(0, MAX_SEGMENTS).map((s) => {
    if (/^\d+$/.test(s)) return ':id';
    if (/^[0-9a-f-]{16,}$/i.test(s)) return ':id';
    if (/^[A-Z]{1,5}\d{3,}$/.test(s)) return ':code';
    return s.length > 40 ? ':long' : s;
  });
  return `/${segs.join('/')}`;
}

function reasonOf(err: unknown): string {
  const e = err as { name?: string; cause?: { name?: string } };
  return e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'TimeoutError' ? 'timeout' : 'network';
}

export function observedAtlasFetch(deps: { baseUrl: string; metrics: Metrics | null; tracing: Tracing }, base: typeof fetch = fetch): typeof fetch {
  const root = new URL(deps.baseUrl.replace(/\/+$/, '') + '/').pathname.replace(/\/+$/, '');
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const path = url.pathname.startsWith(root) ? url.pathname.slice(root.length) || '/' : url.pathname;
    const endpoint = endpointOf(path);
    const call = () => {
      const started = performance.now();
      return base(input, init).then(
        (res) => {
          const s = (performance.now() - started) / 1000;
          deps.metrics?.atlasLatency.observe({ method, endpoint, status: String(res.status) }, s);
          if (res.status >= 400) deps.metrics?.atlasErrors.inc({ method, endpoint, reason: `http_${Math.floor(res.status / 100)}xx` });
          return res;
        },
        (err: unknown) => {
          const s = (performance.now() - started) / 1000;
          const reason = reasonOf(err);
          deps.metrics?.atlasLatency.observe({ method, endpoint, status: reason }, s);
          deps.metrics?.atlasErrors.inc({ method, endpoint, reason });
          throw err;
        },
      );
    };
    if (!deps.tracing.enabled) return call();
    return deps.tracing.span(
      `atlas ${method} ${endpoint}`,
      { runType: 'tool', inputs: { method, path }, metadata: { endpoint }, outputs: (res: Response) => ({ status: res.status }) },
      (run) => {
        const started = performance.now();
        return call().finally(() => run.output({ ms: Math.round(performance.now() - started) }));
      },
    );
  };
}
