/** Sums several reports into one (ratios summed, per-intent F1 weighted by support, readings joined). */
import type { EvalReport } from '../../src/core/understanding/evaluation.js';

export function combine(reps: EvalReport[]): EvalReport {
  const out = structuredClone(reps[0]!);
  out.failures = [];
  out.readings = reps.flatMap((r) => r.readings);
  for (const key of ['intent', 'priority', 'workOrder', 'workOrderPresent', 'status', 'unique', 'uniqueResolved', 'ambiguous', 'notFound', 'wrongConfident'] as const) {
    out[key] = { ok: reps.reduce((a, r) => a + r[key].ok, 0), n: reps.reduce((a, r) => a + r[key].n, 0) };
  }
  out.n = reps.reduce((a, r) => a + r.n, 0);
  for (const intent of Object.keys(out.perIntent)) {
    const support = reps.reduce((a, r) => a + r.perIntent[intent]!.support, 0);
    const f1 = support === 0 ? 1 : reps.reduce((a, r) => a + r.perIntent[intent]!.f1 * r.perIntent[intent]!.support, 0) / support;
    out.perIntent[intent] = { precision: NaN, recall: NaN, f1, support };
  }
  return out;
}
