/**
 * Rivet's misses as labelled data: every message a person corrected (another machine picked,
 * "None of these", a changed priority, a cancelled card, a supervisor's correction or answer),
 * one JSON line per message in the eval's format (test/fixtures/corpus/README.md: text, intent,
 * priority, asset {mention, expected}, workOrderId, status) with the person's corrections applied,
 * plus what Rivet had said (`rivet`), the corrections themselves, and which fields a person set
 * (`labelled`; the others are Rivet's own and want a look before they join a corpus).
 */
import type { FeedbackRow } from '../db/repositories/feedback.js';

type Priority = 'HIGH' | 'MEDIUM' | 'LOW';

export interface MissLine {
  text: string;
  intent: string;
  priority: Priority | null;
  asset: { mention: string; expected: number[] } | null;
  workOrderId: number | null;
  status: string | null;
  rivet: {
    intent: string | null;
    confidence: number | null;
    priority: string | null;
    asset: { mention: string | null; candidates: { id: number; name?: string; score?: number }[] } | null;
    workOrderId: number | null;
    status: string | null;
  };
  corrections: { kind: string; source: string; score: number | null; at: string; corrected: unknown }[];
  labelled: ('asset' | 'priority')[];
  eventKey: string | null;
  traceId: string | null;
}

interface Said {
  text?: string;
  intent?: string;
  confidence?: number;
  priority?: string | null;
  workOrderNumber?: number | null;
  status?: string | null;
  mention?: string | null;
  candidates?: { id: number; name?: string; score?: number }[];
}
interface Corrected { priority?: string; assetId?: number | null; answer?: string }

const isPriority = (p: unknown): p is Priority => p === 'HIGH' || p === 'MEDIUM' || p === 'LOW';

/** One line per corrected message (rows about the same message merged, in order); rows without the message's words are skipped. */
export function missesFrom(rows: readonly FeedbackRow[]): { lines: MissLine[]; skipped: number } {
  const groups = new Map<string, FeedbackRow[]>();
  for (const r of rows) {
    if (r.score !== 0) continue;
    const k = r.eventKey ?? `key:${r.key}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const lines: MissLine[] = [];
  let skipped = 0;
  for (const group of groups.values()) {
    // What Rivet said: from the richest record of it (a report's snapshot over a bare text).
    const said = group.map((r) => (r.said ?? {}) as Said).sort((a, b) => Number(!!b.intent) - Number(!!a.intent) || (b.candidates?.length ?? 0) - (a.candidates?.length ?? 0))[0]!;
    if (!said.text) {
      skipped++;
      continue;
    }
    const intent = said.intent ?? 'create_work_order';
    const create = intent === 'create_work_order';
    const line: MissLine = {
      text: said.text,
      intent,
      priority: create ? (isPriority(said.priority) ? said.priority : 'MEDIUM') : null,
      asset: said.mention ? { mention: said.mention, expected: (said.candidates ?? []).slice(0, 1).map((c) => c.id) } : null,
      workOrderId: said.workOrderNumber ?? null,
      status: intent === 'update_status' ? (said.status ?? null) : null,
      rivet: {
        intent: said.intent ?? null,
        confidence: said.confidence ?? null,
        priority: said.priority ?? null,
        asset: said.mention || said.candidates?.length ? { mention: said.mention ?? null, candidates: said.candidates ?? [] } : null,
        workOrderId: said.workOrderNumber ?? null,
        status: said.status ?? null,
      },
      corrections: [],
      labelled: [],
      eventKey: group[0]!.eventKey,
      traceId: group.find((r) => r.traceId)?.traceId ?? null,
    };
    const label = (f: 'asset' | 'priority') => {
      if (!line.labelled.includes(f)) line.labelled.push(f);
    };
    for (const r of group) {
      const c = (r.corrected ?? {}) as Corrected;
      line.corrections.push({ kind: r.kind, source: r.source, score: r.score, at: r.createdAt.toISOString(), corrected: c });
      switch (r.kind) {
        case 'asset_choice':
        case 'supervisor_asset':
          line.asset = { mention: said.mention ?? '', expected: typeof c.assetId === 'number' ? [c.assetId] : [] };
          label('asset');
          break;
        case 'asset_none':
          // None of those offered; which one it was, a later pick says (if any).
          if (!line.labelled.includes('asset')) line.asset = { mention: said.mention ?? '', expected: [] };
          break;
        case 'priority_changed':
        case 'supervisor_priority':
          if (create && isPriority(c.priority)) {
            line.priority = c.priority;
            label('priority');
          }
          break;
      }
    }
    lines.push(line);
  }
  return { lines, skipped };
}
