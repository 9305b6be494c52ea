/**
 * `npm run train [-- --no-loso]`: trains the understanding model from the repo's labelled
 * messages (corpus, earlier other sites, the new sites' development part; never the sealed
 * part) and writes src/core/understanding/model/weights.ts. Deterministic: the same data gives
 * the same file. First every fold is trained and scored out-of-fold (leave-one-site-out): those
 * scores fit the calibration temperatures and are printed as the honest figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainModel } from '../src/core/understanding/model/train.js';
import { packModel } from '../src/core/understanding/model/model.js';
import { loadGroups, root } from './train/data.js';
import { featurise } from './train/folds.js';
import { loso, printLoso } from './eval/loso.js';

const t0 = performance.now();
const data = featurise(loadGroups());
console.log(`${data.reduce((a, d) => a + d.examples.length, 0)} labelled messages in ${data.length} sets`);
const r = loso(data, undefined, (s) => console.log(s));
printLoso(r);

const model = trainModel(data.flatMap((d) => d.examples));
model.intent.temperature = r.temperatures.intent;
model.priority.temperature = r.temperatures.priority;
model.status.temperature = r.temperatures.status;
const out = join(root, 'src/core/understanding/model/weights.ts');
writeFileSync(
  out,
  `/** Written by \`npm run train\` (scripts/train.ts) — do not edit. int8 weights per head, base64. */\nimport type { PackedModel } from './model.js';\n\nexport const WEIGHTS: PackedModel = ${JSON.stringify(packModel(model))};\n`,
);
console.log(`\nwrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
