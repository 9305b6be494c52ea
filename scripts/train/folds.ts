/**
 * Honest figures for a learned model: every message is scored by a model that never saw it.
 * Leave-one-site-out for the eight new sites (train on everything else, score that site), and
 * for the earlier sets each set held out in turn (the corpus in five parts by a hash of the
 * text). The out-of-fold scores also fit the calibration temperatures.
 */
import type { Model } from '../../src/core/understanding/model/model.js';
import {
  DEFAULT_TRAIN,
  exampleOf,
  fitTemperature,
  scoreHead,
  trainModel,
  type Example,
  type Scored,
  type TrainOptions,
} from '../../src/core/understanding/model/train.js';
import type { LabelledMessage } from '../../src/core/understanding/evaluation.js';
import type { AssetIndex } from '../../src/core/assets/index.js';
import type { Group } from './data.js';

/** How much a message of the hand-tuned corpus counts against one from a new site. */
export const CORPUS_WEIGHT = 1;

export interface Fold {
  name: string;
  /** true for one of the eight new sites */
  site: boolean;
  test: Array<{ message: LabelledMessage; assets: AssetIndex; example: Example }>;
  train: Example[];
}

export interface Featurised {
  group: Group;
  examples: Example[];
}

export function featurise(groups: readonly Group[]): Featurised[] {
  return groups.map((group) => ({
    group,
    examples: group.messages.map((m) => exampleOf(m, group.assets, group.name === 'corpus' ? CORPUS_WEIGHT : 1)),
  }));
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const CORPUS_PARTS = 5;

export function folds(data: readonly Featurised[], opts: { sitesOnly?: boolean } = {}): Fold[] {
  const out: Fold[] = [];
  for (const d of data) {
    if (opts.sitesOnly && d.group.kind !== 'site') continue;
    const parts = d.group.name === 'corpus' ? CORPUS_PARTS : 1;
    for (let part = 0; part < parts; part++) {
      const held = (i: number) => parts === 1 || fnv(d.group.messages[i]!.text) % parts === part;
      const train: Example[] = [];
      for (const o of data) if (o !== d) train.push(...o.examples);
      const test: Fold['test'] = [];
      d.examples.forEach((example, i) => {
        if (held(i)) test.push({ message: d.group.messages[i]!, assets: d.group.assets, example });
        else train.push(example);
      });
      out.push({ name: parts === 1 ? d.group.name : `${d.group.name} ${part + 1}/${parts}`, site: d.group.kind === 'site', test, train });
    }
  }
  return out;
}

export interface FoldResult {
  fold: Fold;
  model: Model;
}

/** Trains one model per fold. */
export function trainFolds(fs: readonly Fold[], opts: TrainOptions = DEFAULT_TRAIN, log?: (s: string) => void): FoldResult[] {
  return fs.map((fold) => {
    const t0 = performance.now();
    const model = trainModel(fold.train, opts);
    log?.(`  fold ${fold.name}: trained on ${fold.train.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { fold, model };
  });
}

/** Temperatures per head fitted on out-of-fold scores. */
export function calibrate(results: readonly FoldResult[]): { intent: number; priority: number; status: number } {
  const intent: Scored[] = [];
  const priority: Scored[] = [];
  const status: Scored[] = [];
  for (const { fold, model } of results) {
    const ex = fold.test.map((t) => t.example);
    intent.push(...scoreHead(model.intent, ex, (e) => e.intent));
    priority.push(...scoreHead(model.priority, ex, (e) => e.priority, (e) => e.pfeats));
    status.push(...scoreHead(model.status, ex, (e) => e.status));
  }
  return { intent: fitTemperature(intent), priority: fitTemperature(priority), status: fitTemperature(status) };
}

/** The same fold models with calibrated temperatures (what the out-of-fold scoring should use). */
export function withTemperatures(results: readonly FoldResult[], t: { intent: number; priority: number; status: number }): FoldResult[] {
  return results.map(({ fold, model }) => ({
    fold,
    model: { ...model, intent: { ...model.intent, temperature: t.intent }, priority: { ...model.priority, temperature: t.priority }, status: { ...model.status, temperature: t.status } },
  }));
}
