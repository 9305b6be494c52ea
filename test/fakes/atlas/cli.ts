/**
 * `npm run fake:atlas -- --seed test/fixtures/corpus/assets.json --port 4010 [--licensed] [--api-key KEY]`
 * Starts the fake Atlas and prints its URL and sign-in credentials.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startFakeAtlas } from './index.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    licensed: { type: 'boolean', default: false },
    'api-key': { type: 'string', multiple: true },
  },
});

const seedAssets = values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as unknown[]) : [];
const fake = await startFakeAtlas({
  port: Number(values.port),
  host: values.host,
  seedAssets,
  licensed: values.licensed,
  apiKeys: values['api-key'] ?? [],
});

console.log(`Fake Atlas CMMS listening: ATLAS_URL=${fake.url}`);
console.log(`  ATLAS_EMAIL=${fake.credentials.email}`);
console.log(`  ATLAS_PASSWORD=${fake.credentials.password}`);
if (values['api-key']?.length) console.log(`  ATLAS_API_KEY=${values['api-key'][0]}${values.licensed ? '' : '  (refused: instance is unlicensed)'}`);
console.log(`  ${fake.store.assets.length} assets, ${fake.store.locations.size} locations, ${values.licensed ? 'licensed' : 'unlicensed (free-tier caps apply)'}`);

const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
