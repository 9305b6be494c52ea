/**
 * The learned model: training is deterministic, the stored weights round-trip, an
 * Interpretation lists its alternatives with calibrated confidences, and — the honest part —
 * scored leave-one-site-out (each new site by a model trained without it) it keeps the floors
 * and its confidences mean what they say (expected calibration error on out-of-fold readings).
 */
import { describe, expect, it } from 'vitest';
import { interpret, CLARIFY_BELOW } from '../../../src/core/understanding/interpret.js';
import { INTENTS } from '../../../src/core/model.js';
import { packModel, unpackModel, predict } from '../../../src/core/understanding/model/model.js';
import { trainModel, type Example } from '../../../src/core/understanding/model/train.js';
import { evaluate, rate, reliability } from '../../../src/core/understanding/evaluation.js';
import { loadGroups } from '../../../scripts/train/data.js';
import { calibrate, featurise, folds, trainFolds, withTemperatures } from '../../../scripts/train/folds.js';
import { combine } from '../../../scripts/eval/combine.js';

const data = featurise(loadGroups());
const small: Example[] = data.flatMap((d) => d.examples.filter((_, i) => i % 6 === 0));

describe('training', () => {
  it('gives the same weights for the same data', () => {
    const opts = { epochs: 3, l2: 1e-4, learningRate: 0.2, seed: 12 };
    const a = packModel(trainModel(small, opts));
    const b = packModel(trainModel(small, opts));
    expect(a).toEqual(b);
    expect(a.intent.data.length).toBeGreaterThan(0);
  });

  it('stores weights that read back the same predictions', () => {
    const m = trainModel(small, { epochs: 3, l2: 1e-4, learningRate: 0.2, seed: 12 });
    const back = unpackModel(packModel(m));
    for (const e of small.slice(0, 50)) expect(predict(back.intent, e.feats)[0]!.label).toBe(predict(m.intent, e.feats)[0]!.label);
  });
});

describe('alternatives', () => {
  it('lists the likeliest intents best first, with probabilities', () => {
    const r = interpret('pump 3 is making a grinding noise, can someone look');
    expect(r.alternatives[0]!.intent).toBe(r.intent);
    expect(r.alternatives[0]!.confidence).toBe(r.confidence);
    for (let i = 1; i < r.alternatives.length; i++) expect(r.alternatives[i]!.confidence).toBeLessThanOrEqual(r.alternatives[i - 1]!.confidence);
    expect(r.alternatives.reduce((s, a) => s + a.confidence, 0)).toBeLessThanOrEqual(1.001);
    expect(new Set(r.alternatives.map((a) => a.intent)).size).toBe(r.alternatives.length);
    for (const a of r.alternatives) expect(INTENTS).toContain(a.intent);
  });

  it('always offers a second reading for a "did you mean A or B?" question', () => {
    expect(CLARIFY_BELOW).toBeGreaterThan(0.5);
    const r = interpret('ahu 2 again');
    expect(r.alternatives.length).toBeGreaterThanOrEqual(2);
  });

  it('hands text it cannot read to a person, unsure', () => {
    const r = interpret('xqzv plim');
    expect(r.intent).toBe('ask_human');
    expect(r.confidence).toBeLessThan(CLARIFY_BELOW);
  });
});

describe('leave-one-site-out (new sites, never trained on)', () => {
  it('keeps the floors and calibrated confidences', { timeout: 300_000 }, () => {
    const results = trainFolds(folds(data, { sitesOnly: true }));
    const calibrated = withTemperatures(results, calibrate(results));
    const reps = calibrated.map(({ fold, model }) => evaluate(fold.test.map((t) => t.message), fold.test[0]!.assets, { model }));
    const all = combine(reps);
    expect(rate(all.intent)).toBeGreaterThanOrEqual(0.92);
    expect(rate(all.priority)).toBeGreaterThanOrEqual(0.82);
    expect(rate(all.status)).toBeGreaterThanOrEqual(0.85);
    expect(rate(all.workOrderPresent)).toBeGreaterThanOrEqual(0.9);
    expect(reliability(all.readings).ece).toBeLessThanOrEqual(0.05);
    // confident readings are right far more often than unsure ones
    const sure = all.readings.filter((x) => x.confidence >= 0.9);
    const unsure = all.readings.filter((x) => x.confidence < CLARIFY_BELOW);
    const acc = (xs: typeof sure) => xs.filter((x) => x.correct).length / xs.length;
    expect(acc(sure)).toBeGreaterThan(0.95);
    expect(acc(unsure)).toBeLessThan(0.75);
  });
});
