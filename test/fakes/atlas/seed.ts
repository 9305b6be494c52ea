/** Seeds for the fake: the corpus, or n corpus-shaped assets (the corpus repeated with fresh ids) for load tests. */
import { readFileSync } from 'node:fs';

export function loadCorpusAssets(): unknown[] {
  return JSON.parse(readFileSync(new URL('../../fixtures/corpus/assets.json', import.meta.url), 'utf8')) as unknown[];
}

export function syntheticAssets(n: number, corpus: unknown[] = loadCorpusAssets()): unknown[] {
  return Array.from({ length: n }, (_, i) => {
    const base = corpus[i % corpus.length] as Record<string, unknown>;
    const id = 10_000 + i;
    return { ...base, id, customId: `A${String(id).padStart(6, '0')}`, name: `${String(base.name)} #${i}` };
  });
}
