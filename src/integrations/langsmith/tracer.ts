/**
 * LangSmith tracing behind the core Tracer port. Off unless LANGSMITH_TRACING=true;
 * LANGSMITH_ENDPOINT points it at a self-hosted (or local) collector.
 */
import { Client } from 'langsmith';
import { traceable } from 'langsmith/traceable';
import type { Tracer } from '../../core/ports.js';

export interface LangSmithSettings {
  tracing: boolean;
  apiKey: string | null;
  endpoint: string | null;
  project: string | null;
}

export function createLangSmithTracer(settings: LangSmithSettings): Tracer & { enabled: boolean } {
  if (!settings.tracing) return { enabled: false, wrap: (_n, fn) => fn, flush: async () => {} };
  const client = new Client({
    ...(settings.endpoint ? { apiUrl: settings.endpoint } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });
  return {
    enabled: true,
    wrap(name, fn, opts) {
      return traceable(fn, {
        name,
        run_type: opts?.runType ?? 'chain',
        client,
        tracingEnabled: true,
        ...(settings.project ? { project_name: settings.project } : {}),
        ...(opts?.metadata ? { metadata: opts.metadata } : {}),
      }) as unknown as typeof fn;
    },
    flush: () => client.awaitPendingTraceBatches(),
  };
}
