/** The committed model, unpacked once on first use. */
import { unpackModel, type Model } from './model.js';
import { WEIGHTS } from './weights.js';

let model: Model | null = null;

export function bundledModel(): Model {
  model ??= unpackModel(WEIGHTS);
  return model;
}
