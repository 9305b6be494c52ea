import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const FORBIDDEN = /from\s+['"](?:node:|fs|net|http|https|child_process|grammy|@slack\/|hono|pg|ioredis|bullmq|stripe|drizzle-orm|@electric-sql\/|pino|langsmith|zod|[./]+\/(?:bots|integrations|api|db|jobs|queue|queues|webhooks|wiring|files)\b)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('src/core is pure', () => {
  it('import no I/O library and no outer layer', () => {
    // The whole of core, the chat engine included: adapters and wiring give it the world through ports.
    for (const dir of ['src/core']) {
      for (const f of files(join(root, dir))) {
        const bad = readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => FORBIDDEN.test(l));
        expect(bad, f).toEqual([]);
      }
    }
  });
});
