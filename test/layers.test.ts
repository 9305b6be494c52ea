/**
 * The layering that lets adapters be added side by side (docs/architecture.md): a chat adapter
 * only translates (no storage, no jobs, no other adapter), the job pipeline builds no HTTP
 * routes, and nothing below wiring knows the parts that wire it. src/core has its own check
 * (test/core/purity.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './core/helpers.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Lines of files under `dir` that import from one of the `layers` (top-level folders of src/). */
function importsOf(dir: string, layers: string[], except: string[] = []): string[] {
  const src = join(root, 'src');
  return files(join(src, dir)).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => /^\s*(import|export)\b.*from\s+['"]\./.test(l))
      .filter((l) => {
        const target = /from\s+['"]([^'"]+)['"]/.exec(l)![1]!;
        const top = relative(src, join(f, '..', target)).split(/[\\/]/)[0]!;
        return layers.includes(top) && !except.some((e) => l.includes(e));
      })
      .map((l) => `${relative(root, f)}: ${l.trim()}`),
  );
}

describe('layers', () => {
  it('chat adapters reach storage and jobs only through the engine', () => {
    expect(importsOf('bots', ['db', 'jobs', 'api', 'webhooks', 'wiring', 'queue'])).toEqual([]);
  });
  it('the job pipeline builds no HTTP routes and knows no adapter or webhook', () => {
    expect(importsOf('jobs', ['api', 'webhooks', 'bots', 'wiring'])).toEqual([]);
  });
  it('only main.ts and wiring know the whole', () => {
    expect(importsOf('api', ['wiring', 'bots', 'webhooks'])).toEqual([]);
    expect(importsOf('webhooks', ['wiring', 'bots', 'db'])).toEqual([]);
    expect(importsOf('db', ['wiring', 'bots', 'webhooks', 'api', 'jobs'])).toEqual([]);
  });
});
