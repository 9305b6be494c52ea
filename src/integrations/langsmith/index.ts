/** LangSmith: traces of what Rivet decided (tracer.ts), sent without holding anything up (exporter.ts). */
export { createLangSmithTracer, noJobTracing, type JobTracing, type LangSmithSettings, type LangSmithTracing, type TraceCarrier, type TraceFeedback } from './tracer.js';
export type { ExporterHooks, ExporterOptions, ExporterStats } from './exporter.js';
export { personHash, scrub } from './redact.js';
