/**
 * Scores interpret() against labelled messages (the corpus format): intent accuracy and
 * per-intent F1, priority, work-order numbers, status, and asset resolution (unique top-1,
 * ambiguous detected, not-in-registry, wrong-confident). Pure: callers read the files.
 */
import { INTENTS, type Intent } from '../model.js';
import type { AssetIndex } from '../assets/index.js';
import { interpret } from './interpret.js';
import { detectLanguage } from './language.js';
import type { Model } from './model/model.js';

export interface LabelledMessage {
  text: string;
  intent: Intent;
  priority: string | null;
  asset: { mention: string; expected: number[] } | null;
  workOrderId: number | null;
  status: string | null;
  /** the writer's label (new sites); detected when absent */
  language?: string;
}

/** One intent reading: how sure it was and whether it was right (for the reliability table). */
export interface Reading {
  confidence: number;
  correct: boolean;
  language: string;
}

export interface Ratio {
  ok: number;
  n: number;
}

export interface EvalReport {
  n: number;
  intent: Ratio;
  perIntent: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  priority: Ratio;
  workOrder: Ratio;
  workOrderPresent: Ratio;
  status: Ratio;
  unique: Ratio;
  uniqueResolved: Ratio;
  ambiguous: Ratio;
  notFound: Ratio;
  wrongConfident: Ratio;
  readings: Reading[];
  failures: string[];
}

export const TARGETS = { intent: 0.95, priority: 0.9, unique: 0.95, ambiguous: 0.9, wrongConfidentMax: 0.02 } as const;

/** Deterministic ~20% held-out split by a hash of the text (FNV-1a). */
export function splitOf(text: string): 'dev' | 'heldout' {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 5 === 0 ? 'heldout' : 'dev';
}

const r = (): Ratio => ({ ok: 0, n: 0 });
export const rate = (x: Ratio): number => (x.n === 0 ? 1 : x.ok / x.n);

export function evaluate(messages: readonly LabelledMessage[], assets: AssetIndex, opts: { model?: Model } = {}): EvalReport {
  const rep: EvalReport = {
    n: messages.length,
    intent: r(),
    perIntent: {},
    priority: r(),
    workOrder: r(),
    workOrderPresent: r(),
    status: r(),
    unique: r(),
    uniqueResolved: r(),
    ambiguous: r(),
    notFound: r(),
    wrongConfident: r(),
    readings: [],
    failures: [],
  };
  const tp: Record<string, number> = {};
  const fp: Record<string, number> = {};
  const fn: Record<string, number> = {};
  for (const m of messages) {
    const out = interpret(m.text, opts.model ? { assets, model: opts.model } : { assets });
    const fails: string[] = [];
    rep.readings.push({ confidence: out.confidence, correct: out.intent === m.intent, language: m.language ?? detectLanguage(m.text) });
    rep.intent.n++;
    if (out.intent === m.intent) {
      rep.intent.ok++;
      tp[m.intent] = (tp[m.intent] ?? 0) + 1;
    } else {
      fp[out.intent] = (fp[out.intent] ?? 0) + 1;
      fn[m.intent] = (fn[m.intent] ?? 0) + 1;
      fails.push(`intent ${out.intent}≠${m.intent}`);
    }
    if (m.priority !== null) {
      rep.priority.n++;
      if (out.priority === m.priority) rep.priority.ok++;
      else fails.push(`priority ${out.priority}≠${m.priority}`);
    }
    rep.workOrder.n++;
    if (out.workOrderNumber === m.workOrderId) rep.workOrder.ok++;
    else fails.push(`wo ${out.workOrderNumber}≠${m.workOrderId}`);
    if (m.workOrderId !== null) {
      rep.workOrderPresent.n++;
      if (out.workOrderNumber === m.workOrderId) rep.workOrderPresent.ok++;
    }
    if (m.status !== null) {
      rep.status.n++;
      if (out.status === m.status) rep.status.ok++;
      else fails.push(`status ${out.status}≠${m.status}`);
    }
    if (m.asset) {
      const exp = m.asset.expected;
      const res = out.asset?.resolution ?? null;
      const ids = res?.candidates.map((c) => c.asset.id) ?? [];
      const got = `${out.asset ? JSON.stringify(out.asset.mention) : 'no mention'} ${res?.decision ?? ''} [${ids.join(',')}]`;
      rep.wrongConfident.n++;
      if (res?.decision === 'resolved' && !exp.includes(ids[0]!)) {
        rep.wrongConfident.ok++;
        fails.push(`WRONG-CONFIDENT ${got} expected [${exp.join(',')}]`);
      }
      if (exp.length === 1) {
        rep.unique.n++;
        rep.uniqueResolved.n++;
        if (ids[0] === exp[0]) rep.unique.ok++;
        if (res?.decision === 'resolved' && ids[0] === exp[0]) rep.uniqueResolved.ok++;
        else fails.push(`unique ${got} expected ${exp[0]}`);
      } else if (exp.length > 1) {
        rep.ambiguous.n++;
        if (res?.decision === 'ambiguous' && exp.every((e) => ids.includes(e))) rep.ambiguous.ok++;
        else fails.push(`ambiguous ${got} expected [${exp.join(',')}]`);
      } else {
        rep.notFound.n++;
        if (res?.decision === 'not_found') rep.notFound.ok++;
        else fails.push(`not-found ${got}`);
      }
    }
    if (fails.length) rep.failures.push(`${JSON.stringify(m.text)}\n    ${fails.join('\n    ')}`);
  }
  for (const intent of INTENTS) {
    const t = tp[intent] ?? 0;
    const p = t + (fp[intent] ?? 0);
    const s = t + (fn[intent] ?? 0);
    const precision = p === 0 ? 1 : t / p;
    const recall = s === 0 ? 1 : t / s;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    rep.perIntent[intent] = { precision, recall, f1, support: s };
  }
  return rep;
}

const pct = (x: Ratio): string => (x.n === 0 ? '    –' : `${(100 * rate(x)).toFixed(1).padStart(5)}% (${x.ok}/${x.n})`);

/** A table with one column per report. */
export function formatTable(reports: ReadonlyArray<readonly [string, EvalReport]>): string {
  const rows: Array<[string, (r: EvalReport) => string]> = [
    ['messages', (x) => String(x.n)],
    ['intent accuracy', (x) => pct(x.intent)],
    ...INTENTS.map((i): [string, (r: EvalReport) => string] => [
      `  F1 ${i}`,
      (x) => (x.perIntent[i]!.support === 0 ? '    –' : `${(100 * x.perIntent[i]!.f1).toFixed(1).padStart(5)}% (n=${x.perIntent[i]!.support})`),
    ]),
    ['priority accuracy', (x) => pct(x.priority)],
    ['wo number exact (all msgs)', (x) => pct(x.workOrder)],
    ['wo number exact (msgs with one)', (x) => pct(x.workOrderPresent)],
    ['status accuracy', (x) => pct(x.status)],
    ['asset unique top-1', (x) => pct(x.unique)],
    ['asset unique resolved+correct', (x) => pct(x.uniqueResolved)],
    ['asset ambiguous detected', (x) => pct(x.ambiguous)],
    ['asset not-in-registry → not_found', (x) => pct(x.notFound)],
    ['asset wrong-confident (lower=better)', (x) => pct(x.wrongConfident)],
  ];
  const w0 = Math.max(...rows.map(([l]) => l.length)) + 2;
  const cols = reports.map(([name, rep]) => Math.max(name.length, ...rows.map(([, f]) => f(rep).length)) + 2);
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w0) : c.padStart(cols[i - 1]!))).join('');
  const out = [line(['', ...reports.map(([n]) => n)]), '-'.repeat(w0 + cols.reduce((a, b) => a + b, 0))];
  for (const [label, f] of rows) out.push(line([label, ...reports.map(([, rep]) => f(rep))]));
  return out.join('\n');
}

export function meetsTargets(rep: EvalReport): string[] {
  const miss: string[] = [];
  if (rate(rep.intent) < TARGETS.intent) miss.push(`intent ${rate(rep.intent)}`);
  if (rate(rep.priority) < TARGETS.priority) miss.push(`priority ${rate(rep.priority)}`);
  if (rate(rep.unique) < TARGETS.unique) miss.push(`unique ${rate(rep.unique)}`);
  if (rate(rep.ambiguous) < TARGETS.ambiguous) miss.push(`ambiguous ${rate(rep.ambiguous)}`);
  if (rate(rep.wrongConfident) > TARGETS.wrongConfidentMax) miss.push(`wrong-confident ${rate(rep.wrongConfident)}`);
  return miss;
}

export interface Band {
  lo: number;
  hi: number;
  n: number;
  accuracy: number;
  meanConfidence: number;
}

/** Confidence bands and the expected calibration error (mean |accuracy − confidence| weighted by band size). */
export function reliability(readings: readonly Reading[], edges: readonly number[] = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001]): { bands: Band[]; ece: number; n: number } {
  const bands: Band[] = [];
  let ece = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const lo = edges[i]!;
    const hi = edges[i + 1]!;
    const inBand = readings.filter((x) => x.confidence >= lo && x.confidence < hi);
    const n = inBand.length;
    const accuracy = n === 0 ? NaN : inBand.filter((x) => x.correct).length / n;
    const meanConfidence = n === 0 ? NaN : inBand.reduce((a, x) => a + x.confidence, 0) / n;
    if (n > 0) ece += (n / readings.length) * Math.abs(accuracy - meanConfidence);
    bands.push({ lo, hi: Math.min(hi, 1), n, accuracy, meanConfidence });
  }
  return { bands, ece, n: readings.length };
}

/** The reliability table: accuracy by confidence band, ECE overall and per language. */
export function formatReliability(readings: readonly Reading[]): string {
  const all = reliability(readings);
  const out = ['confidence band   messages  accuracy  mean confidence'];
  for (const b of all.bands) {
    if (b.n === 0) continue;
    out.push(`${b.lo.toFixed(2)}–${b.hi.toFixed(2)}       ${String(b.n).padStart(8)}  ${(100 * b.accuracy).toFixed(1).padStart(7)}%  ${(100 * b.meanConfidence).toFixed(1).padStart(14)}%`);
  }
  const langs = [...new Set(readings.map((x) => x.language))].sort();
  const per = langs.map((l) => {
    const rl = readings.filter((x) => x.language === l);
    const acc = rl.filter((x) => x.correct).length / rl.length;
    return `${l} ${(100 * reliability(rl).ece).toFixed(1)}% (n=${rl.length}, accuracy ${(100 * acc).toFixed(1)}%)`;
  });
  out.push(`expected calibration error: ${(100 * all.ece).toFixed(1)}% (n=${all.n}); by language: ${per.join(', ')}`);
  return out.join('\n');
}
