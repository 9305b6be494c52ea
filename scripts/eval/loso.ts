/**
 * `npm run eval -- --dev --loso` and `npm run train`: the learned model scored on data it never
 * trained on. One model per fold (each new site left out in turn; the earlier sets too), the
 * calibration temperature fitted on all out-of-fold scores, then each new site scored by the
 * model that did not see it, through interpret() like any message.
 */
import { evaluate, formatReliability, formatTable, type EvalReport } from '../../src/core/understanding/evaluation.js';
import { DEFAULT_TRAIN, type TrainOptions } from '../../src/core/understanding/model/train.js';
import { loadGroups } from '../train/data.js';
import { calibrate, featurise, folds, trainFolds, withTemperatures, type Featurised } from '../train/folds.js';
import { combine } from './combine.js';

export interface LosoResult {
  temperatures: { intent: number; priority: number; status: number };
  sites: Array<[string, EvalReport]>;
  own: Array<[string, EvalReport]>;
  all: EvalReport;
}

export function loso(data: Featurised[] = featurise(loadGroups()), opts: TrainOptions = DEFAULT_TRAIN, log?: (s: string) => void): LosoResult {
  const results = trainFolds(folds(data), opts, log);
  const temperatures = calibrate(results);
  const calibrated = withTemperatures(results, temperatures);
  const byName = new Map<string, EvalReport[]>();
  const siteNames = new Set<string>();
  for (const { fold, model } of calibrated) {
    const name = fold.name.replace(/ \d+\/\d+$/, '');
    if (fold.site) siteNames.add(name);
    const rep = evaluate(
      fold.test.map((t) => t.message),
      fold.test[0]!.assets,
      { model },
    );
    byName.set(name, [...(byName.get(name) ?? []), rep]);
  }
  const sites: Array<[string, EvalReport]> = [];
  const own: Array<[string, EvalReport]> = [];
  for (const [name, reps] of byName) (siteNames.has(name) ? sites : own).push([name, { ...combine(reps), failures: reps.flatMap((x) => x.failures) }]);
  return { temperatures, sites, own, all: combine([...sites, ...own].map(([, r]) => r)) };
}

/** The out-of-fold failure lines of the development sets (never sealed lines: loso() only scores dev data). */
export function printLosoFailures(r: LosoResult): void {
  for (const [name, rep] of [...r.sites, ...r.own]) {
    console.log(`\n--- out-of-fold failures: ${name} (${rep.failures.length}) ---`);
    for (const f of rep.failures) console.log(f);
  }
}

export function printLoso(r: LosoResult): void {
  console.log('\nLeave-one-site-out (each site scored by a model trained without it):');
  console.log(formatTable([...r.sites, ['all sites', combine(r.sites.map(([, x]) => x))]]));
  console.log('\nEarlier sets, each held out in turn (the corpus in five parts):');
  console.log(formatTable(r.own));
  console.log(`\nReliability of the out-of-fold confidences, new sites (temperatures: intent ${r.temperatures.intent}, priority ${r.temperatures.priority}, status ${r.temperatures.status}):`);
  console.log(formatReliability(combine(r.sites.map(([, x]) => x)).readings));
  console.log('\nReliability, all out-of-fold readings:');
  console.log(formatReliability(r.all.readings));
}
