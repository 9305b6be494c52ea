/**
 * What the paired CPU scripts (interpret-ab.ts, locate-ab.ts) share: their arguments (an older
 * source tree, seconds) and the corpus messages with the corpus registry they run over.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export function abSetup(usage: string) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const old = process.argv[2];
  if (!old) throw new Error(`usage: ${usage}`);
  const seconds = Number(process.argv[3] ?? 20);
  const assets = JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/assets.json'), 'utf8')) as unknown[];
  const texts = readFileSync(join(root, 'test/fixtures/corpus/messages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
  return { root, old, seconds, assets, texts };
}
