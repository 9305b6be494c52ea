import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';

/** A real pino logger whose lines are kept in memory, so tests can assert on what was logged. */
export function memoryLogger(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          /* not JSON */
        }
      }
      cb();
    },
  });
  return { logger: createLogger(level, stream), lines, raw };
}
