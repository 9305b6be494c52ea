/**
 * Training of the model's heads: multinomial logistic regression (softmax, L2) by AdaGrad
 * stochastic gradient descent in a seeded order, so the same data always gives the same
 * weights; and temperature scaling fitted on out-of-fold predictions (calibration). Pure: the
 * caller reads the labelled files (scripts/train.ts).
 */
import { INTENTS, type Intent } from '../../model.js';
import type { AssetIndex } from '../../assets/index.js';
import { analyse } from '../analyse.js';
import { detectLanguage } from '../language.js';
import { DIM, featuresOf } from './features.js';
import { priorityFeaturesOf } from './priority-features.js';
import { logits, roundTrip, softmax, type Head, type Model } from './model.js';

export const PRIORITY_LABELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const STATUS_LABELS = ['IN_PROGRESS', 'ON_HOLD', 'COMPLETE'] as const;

export interface LabelledText {
  text: string;
  intent: Intent;
  priority: string | null;
  status: string | null;
  language?: string;
}

export interface Example {
  feats: number[];
  /** the priority head's features */
  pfeats: number[];
  intent: number;
  /** index in PRIORITY_LABELS, -1 when not a work-order request */
  priority: number;
  /** index in STATUS_LABELS, -1 when not a status update */
  status: number;
  /** how much the example counts in training */
  weight: number;
}

export function exampleOf(m: LabelledText, assets: AssetIndex | undefined, weight = 1): Example {
  const a = analyse(m.text, assets);
  const feats = featuresOf(a, detectLanguage(m.text));
  return {
    feats,
    pfeats: priorityFeaturesOf(a),
    intent: INTENTS.indexOf(m.intent),
    priority: m.priority === null ? -1 : PRIORITY_LABELS.indexOf(m.priority as (typeof PRIORITY_LABELS)[number]),
    status: m.status === null ? -1 : STATUS_LABELS.indexOf(m.status as (typeof STATUS_LABELS)[number]),
    weight,
  };
}

export interface TrainOptions {
  epochs: number;
  /** L2 penalty per update. */
  l2: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 25, l2: 1e-4, learningRate: 0.2, seed: 12 };
/** Priority labels are noisier (a judgement call): fewer passes and more shrinkage generalise better across sites. */
export const HEAD_TRAIN: Readonly<Record<'intent' | 'priority' | 'status', Partial<TrainOptions>>> = {
  intent: {},
  priority: { epochs: 10, l2: 3e-3 },
  status: {},
};

/** A small seeded PRNG (mulberry32): the same seed, the same sequence — training and the benches shuffle with it. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One softmax head over the examples whose label (by pick) is ≥ 0. */
export function trainHead(
  examples: readonly Example[],
  pick: (e: Example) => number,
  labels: readonly string[],
  opts: TrainOptions = DEFAULT_TRAIN,
  featsOf: (e: Example) => readonly number[] = (e) => e.feats,
): Head {
  const k = labels.length;
  const w = new Float64Array(DIM * k);
  const g2 = new Float64Array(DIM * k).fill(1e-8);
  const rows = examples.filter((e) => pick(e) >= 0);
  const order = rows.map((_, i) => i);
  const rnd = mulberry32(opts.seed);
  const z = new Float64Array(k);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const e = rows[idx]!;
      const y = pick(e);
      const feats = featsOf(e);
      z.fill(0);
      for (const f of feats) for (let c = 0; c < k; c++) z[c]! += w[f * k + c]!;
      const p = softmax(z);
      for (const f of feats) {
        for (let c = 0; c < k; c++) {
          const o = f * k + c;
          const g = e.weight * (p[c]! - (c === y ? 1 : 0)) + opts.l2 * w[o]!;
          g2[o]! += g * g;
          w[o]! -= (opts.learningRate * g) / Math.sqrt(g2[o]!);
        }
      }
    }
  }
  return { labels, w: Float32Array.from(w), scale: 1, temperature: 1 };
}

export function trainModel(examples: readonly Example[], opts: TrainOptions = DEFAULT_TRAIN): Model {
  return roundTrip({
    dim: DIM,
    intent: trainHead(examples, (e) => e.intent, INTENTS, { ...opts, ...HEAD_TRAIN.intent }),
    priority: trainHead(examples, (e) => e.priority, PRIORITY_LABELS, { ...opts, ...HEAD_TRAIN.priority }, (e) => e.pfeats),
    status: trainHead(examples, (e) => e.status, STATUS_LABELS, { ...opts, ...HEAD_TRAIN.status }),
  });
}

export interface Scored {
  z: Float64Array;
  y: number;
}

/** Out-of-fold raw scores of one head. */
export function scoreHead(head: Head, examples: readonly Example[], pick: (e: Example) => number, featsOf: (e: Example) => readonly number[] = (e) => e.feats): Scored[] {
  return examples.filter((e) => pick(e) >= 0).map((e) => ({ z: logits(head, featsOf(e)), y: pick(e) }));
}

/** The temperature that minimises the negative log-likelihood of out-of-fold scores (golden-section search on log T). */
export function fitTemperature(scored: readonly Scored[]): number {
  if (scored.length === 0) return 1;
  const nll = (t: number) => scored.reduce((s, { z, y }) => s - Math.log(Math.max(softmax(z, t)[y]!, 1e-12)), 0);
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (nll(Math.exp(a)) < nll(Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000;
}
