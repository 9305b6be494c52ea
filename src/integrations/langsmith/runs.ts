/**
 * One run of a trace as LangSmith wants it: ids (UUID v7), the trace it belongs to, its dotted
 * order (the start time and id of every ancestor, so the collector can nest and sort runs sent
 * separately or from another process), and the create payload sent once it ends.
 */
import { uuid7 } from 'langsmith';
import type { RunCreate } from 'langsmith/schemas';
import type { RunType } from '../../core/ports.js';
import { personHash, scrub, scrubRecord } from './redact.js';

/** Where a run continues a trace started elsewhere (stored with a job). */
export interface TraceCarrier {
  traceId: string;
  parentId: string;
  dottedOrder: string;
}

export function isCarrier(v: unknown): v is TraceCarrier {
  const c = v as Partial<TraceCarrier> | null;
  return !!c && typeof c === 'object' && typeof c.traceId === 'string' && typeof c.parentId === 'string' && typeof c.dottedOrder === 'string' && c.dottedOrder.length < 4_000;
}

/** "2026-12-06T09:33:12.123" + order → start time with microseconds (order breaks ties within a millisecond). */
function stamp(epochMs: number, order: number): { start: string; dotted: string } {
  const start = `${new Date(epochMs).toISOString().slice(0, -1)}${String(Math.min(order, 999)).padStart(3, '0')}Z`;
  return { start, dotted: start.replace(/[-:.]/g, '') };
}

export class Run {
  readonly id: string;
  readonly traceId: string;
  readonly dottedOrder: string;
  readonly startTime: string;
  readonly parentId: string | null;
  ended = false;
  private children = 0;
  private outputs: Record<string, unknown> = {};
  private meta: Record<string, unknown>;
  private tags: string[];
  private error: string | undefined;

  constructor(
    readonly name: string,
    readonly runType: RunType,
    private readonly inputs: Record<string, unknown>,
    parent: { traceId: string; id: string; dottedOrder: string; order: number } | null,
    metadata: Record<string, unknown> = {},
    tags: string[] = [],
    now = Date.now(),
  ) {
    const { start, dotted } = stamp(now, parent ? parent.order : 1);
    this.id = uuid7();
    this.traceId = parent?.traceId ?? this.id;
    this.dottedOrder = parent ? `${parent.dottedOrder}.${dotted}${this.id}` : `${dotted}${this.id}`;
    this.parentId = parent?.id ?? null;
    this.startTime = start;
    this.meta = { ...metadata };
    this.tags = [...tags];
  }

  /** What a child of this run needs to know about it. */
  asParent(): { traceId: string; id: string; dottedOrder: string; order: number } {
    return { traceId: this.traceId, id: this.id, dottedOrder: this.dottedOrder, order: ++this.children };
  }

  output(values: Record<string, unknown>): void {
    Object.assign(this.outputs, values);
  }
  metadata(values: Record<string, unknown>): void {
    Object.assign(this.meta, values);
  }
  tag(...tags: string[]): void {
    for (const t of tags) if (!this.tags.includes(t)) this.tags.push(t);
  }
  person(personId: string): void {
    this.meta.person_hash = personHash(personId);
  }
  fail(err: unknown): void {
    this.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }

  /** Ends the run; the payload to send (inputs, outputs, metadata and error scrubbed). */
  end(project: string | null, now = Date.now()): RunCreate {
    this.ended = true;
    return {
      id: this.id,
      name: this.name,
      run_type: this.runType,
      start_time: this.startTime,
      // Never before the start (whose microseconds only break ties within its millisecond).
      end_time: now > Date.parse(this.startTime) ? new Date(now).toISOString() : this.startTime,
      inputs: scrubRecord(this.inputs),
      outputs: scrubRecord(this.outputs),
      extra: { metadata: scrubRecord(this.meta) },
      tags: this.tags,
      trace_id: this.traceId,
      dotted_order: this.dottedOrder,
      ...(this.parentId ? { parent_run_id: this.parentId } : {}),
      ...(this.error !== undefined ? { error: scrub(this.error) as string } : {}),
      ...(project ? { session_name: project } : {}),
    };
  }
}
