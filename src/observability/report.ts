/**
 * What people did with Rivet and how well it understood them, over a period, from Rivet's own
 * records: inbound messages (busiest hours, people), work_order_links (reports filed, time from a
 * conversation's first message to its work order, top assets), oversight threads (hand-overs to
 * people) and the feedback table (how often the first machine Rivet proposed was right, people's
 * corrections). `rivet report` prints it; GET /api/report returns it as JSON.
 */
import { and, asc, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { feedback, messages, oversightThreads, workOrderLinks } from '../db/schema.js';

export interface UnderstandingReport {
  period: { since: string; until: string };
  messages: { in: number; people: number };
  reportsFiled: number;
  /** From the first message of a conversation (after its previous report) to the work order, in seconds. */
  timeToWorkOrder: { medianSeconds: number | null; p90Seconds: number | null; reports: number };
  /** Reports confirmed with a machine Rivet had proposed: was it the first one? */
  firstCandidate: { right: number; of: number; rate: number | null };
  /** Judgements people gave: corrections (score 0) and confirmations (score 1), by kind. */
  feedback: { corrections: number; confirmations: number; byKind: Record<string, { corrected: number; confirmed: number }> };
  handovers: { total: number; byTopic: Record<string, number> };
  topAssets: { assetId: number; name: string | null; reports: number }[];
  /** Hours of the day (in `timeZone`) with the most inbound messages, busiest first. */
  busiestHours: { hour: number; messages: number }[];
  timeZone: string;
}

/** "7d", "24h", "30m", "2w" → milliseconds; null when it is not one. */
export function parsePeriod(s: string): number | null {
  const m = /^(\d{1,4})\s*([mhdw])$/.exec(s.trim());
  if (!m) return null;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  const ms = Number(m[1]) * unit;
  return ms > 0 ? ms : null;
}

export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)) * 10) / 10;
}

function hourIn(date: Date, timeZone: string): number {
  const h = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  return Number(h) % 24;
}

interface Said { candidates?: { id: number; name?: string }[] }
interface Corrected { assetId?: number | null; assetLabel?: string | null }

export async function understandingReport(
  db: Db,
  opts: { organizationId: string; since: Date; until: Date; timeZone?: string; assetName?: (id: number) => string | null },
): Promise<UnderstandingReport> {
  const { organizationId, since, until } = opts;
  const timeZone = opts.timeZone ?? 'UTC';
  const inRange = <C extends typeof messages.createdAt | typeof workOrderLinks.createdAt | typeof feedback.createdAt | typeof oversightThreads.createdAt>(c: C) => and(gte(c, since), lte(c, until));

  const inbound = await db
    .select({ conversationId: messages.conversationId, sender: messages.senderUserId, at: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.organizationId, organizationId), eq(messages.direction, 'in'), inRange(messages.createdAt)));

  const filed = await db
    .select({ conversationId: workOrderLinks.conversationId, assetId: workOrderLinks.assetId, at: workOrderLinks.createdAt })
    .from(workOrderLinks)
    .where(and(eq(workOrderLinks.organizationId, organizationId), isNotNull(workOrderLinks.idempotencyKey), inRange(workOrderLinks.createdAt)))
    .orderBy(asc(workOrderLinks.createdAt));

  // Time to work order: per conversation, from its first message after the previous report to the next report.
  const convIds = [...new Set(filed.flatMap((f) => (f.conversationId ? [f.conversationId] : [])))];
  const convMessages = convIds.length
    ? await db.select({ conversationId: messages.conversationId, at: messages.createdAt }).from(messages)
        .where(and(inArray(messages.conversationId, convIds), eq(messages.direction, 'in'), lte(messages.createdAt, until))).orderBy(asc(messages.createdAt))
    : [];
  const convLinks = convIds.length
    ? await db.select({ conversationId: workOrderLinks.conversationId, at: workOrderLinks.createdAt }).from(workOrderLinks)
        .where(and(inArray(workOrderLinks.conversationId, convIds), isNotNull(workOrderLinks.idempotencyKey))).orderBy(asc(workOrderLinks.createdAt))
    : [];
  const durations: number[] = [];
  for (const f of filed) {
    if (!f.conversationId) continue;
    const previous = convLinks.filter((l) => l.conversationId === f.conversationId && l.at < f.at).at(-1)?.at ?? new Date(0);
    const first = convMessages.find((m) => m.conversationId === f.conversationId && m.at > previous && m.at <= f.at);
    if (first) durations.push((f.at.getTime() - first.at.getTime()) / 1000);
  }
  durations.sort((a, b) => a - b);

  const judged = await db.select({ kind: feedback.kind, score: feedback.score, said: feedback.said, corrected: feedback.corrected }).from(feedback)
    .where(and(eq(feedback.organizationId, organizationId), inRange(feedback.createdAt)));
  const byKind: UnderstandingReport['feedback']['byKind'] = {};
  let right = 0;
  let of = 0;
  const names = new Map<number, string>();
  for (const j of judged) {
    const k = (byKind[j.kind] ??= { corrected: 0, confirmed: 0 });
    if (j.score === 0) k.corrected++;
    if (j.score === 1) k.confirmed++;
    const said = (j.said ?? {}) as Said;
    const corrected = (j.corrected ?? {}) as Corrected;
    for (const c of said.candidates ?? []) if (c.name) names.set(c.id, c.name);
    if (typeof corrected.assetId === 'number' && corrected.assetLabel) names.set(corrected.assetId, corrected.assetLabel);
    if (j.kind === 'report_confirmed' && said.candidates?.length) {
      of++;
      if (said.candidates[0]!.id === corrected.assetId) right++;
    }
  }

  const threads = await db.select({ topic: oversightThreads.topic }).from(oversightThreads)
    .where(and(eq(oversightThreads.organizationId, organizationId), eq(oversightThreads.kind, 'question'), inRange(oversightThreads.createdAt)));
  const byTopic: Record<string, number> = {};
  for (const t of threads) byTopic[t.topic] = (byTopic[t.topic] ?? 0) + 1;

  const assetCounts = new Map<number, number>();
  for (const f of filed) if (f.assetId !== null) assetCounts.set(f.assetId, (assetCounts.get(f.assetId) ?? 0) + 1);
  const topAssets = [...assetCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 5)
    .map(([assetId, reports]) => ({ assetId, name: opts.assetName?.(assetId) ?? names.get(assetId) ?? null, reports }));

  const hours = new Map<number, number>();
  for (const m of inbound) {
    const h = hourIn(m.at, timeZone);
    hours.set(h, (hours.get(h) ?? 0) + 1);
  }
  const busiestHours = [...hours.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3).map(([hour, n]) => ({ hour, messages: n }));

  const corrections = judged.filter((j) => j.score === 0).length;
  return {
    period: { since: since.toISOString(), until: until.toISOString() },
    messages: { in: inbound.length, people: new Set(inbound.flatMap((m) => (m.sender ? [m.sender] : []))).size },
    reportsFiled: filed.length,
    timeToWorkOrder: { medianSeconds: quantile(durations, 0.5), p90Seconds: quantile(durations, 0.9), reports: durations.length },
    firstCandidate: { right, of, rate: of ? Math.round((right / of) * 1000) / 1000 : null },
    feedback: { corrections, confirmations: judged.filter((j) => j.score === 1).length, byKind },
    handovers: { total: threads.length, byTopic },
    topAssets,
    busiestHours,
    timeZone,
  };
}

const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(0)}%`);
function duration(s: number | null): string {
  if (s === null) return 'n/a';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5_400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3_600).toFixed(1)} h`;
}

/** The report as a person reads it on a terminal. */
export function formatReport(r: UnderstandingReport): string {
  const lines = [
    `Rivet report ${r.period.since.slice(0, 16).replace('T', ' ')} – ${r.period.until.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Messages in:              ${r.messages.in} from ${r.messages.people} ${r.messages.people === 1 ? 'person' : 'people'}`,
    `Reports filed:            ${r.reportsFiled}`,
    `First message → WO:       median ${duration(r.timeToWorkOrder.medianSeconds)}, p90 ${duration(r.timeToWorkOrder.p90Seconds)} (${r.timeToWorkOrder.reports} reports)`,
    `First machine proposed:   right ${pct(r.firstCandidate.rate)} (${r.firstCandidate.right} of ${r.firstCandidate.of} reports with a proposal)`,
    `Handed over to people:    ${r.handovers.total}${r.handovers.total ? ` (${Object.entries(r.handovers.byTopic).map(([t, n]) => `${t.replace('_', ' ')} ${n}`).join(', ')})` : ''}`,
    `Corrections by people:    ${r.feedback.corrections}${r.feedback.corrections ? ` (${Object.entries(r.feedback.byKind).filter(([, v]) => v.corrected).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v.corrected}`).join(', ')})` : ''}`,
    '',
    'Top assets reported:',
    ...(r.topAssets.length ? r.topAssets.map((a, i) => `  ${i + 1}. ${a.name ?? `asset #${a.assetId}`} — ${a.reports}`) : ['  none']),
    '',
    `Busiest hours (${r.timeZone}):`,
    ...(r.busiestHours.length ? r.busiestHours.map((h) => `  ${String(h.hour).padStart(2, '0')}:00–${String((h.hour + 1) % 24).padStart(2, '0')}:00  ${h.messages} message${h.messages === 1 ? '' : 's'}`) : ['  none']),
  ];
  return lines.join('\n') + '\n';
}
