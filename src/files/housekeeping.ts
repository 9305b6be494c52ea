/**
 * What Rivet keeps of people's files, and for how long: a file is kept only once a report or
 * comment carrying it was accepted (its attachment job marks it); one nobody accepted within
 * UNDECIDED_GRACE_MS (the draft was cancelled or forgotten) is deleted, and every file is deleted
 * RIVET_FILE_RETENTION_DAYS after it arrived. Runs as a periodic task in worker processes.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import type { StoredFileRepository } from '../db/repositories/stored-files.js';
import { KEPT_FILE_PATH } from './kept-files.js';

/** A draft lives at most 12 hours (core/conversation/expiry.ts); a day more covers a report still queued. */
export const UNDECIDED_GRACE_MS = 36 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

export function createFileHousekeeping(deps: { files: StoredFileRepository; dataDir: string; retentionDays: number; clock: Clock; logger: Logger }) {
  const log = deps.logger.child({ component: 'file-housekeeping' });
  return {
    /** Deletes what is due (files and their rows); returns how many. */
    async run(): Promise<number> {
      const now = deps.clock.now().getTime();
      let removed = 0;
      for (;;) {
        const due = await deps.files.due({ keptBefore: new Date(now - deps.retentionDays * DAY_MS), undecidedBefore: new Date(now - UNDECIDED_GRACE_MS), limit: 200 });
        if (due.length === 0) break;
        for (const f of due) {
          // Only Rivet's own layout is ever deleted, whatever a row says.
          if (KEPT_FILE_PATH.test(f.path)) await rm(join(deps.dataDir, f.path), { force: true });
        }
        await deps.files.remove(due.map((f) => f.id));
        removed += due.length;
        if (due.length < 200) break;
      }
      if (removed) log.info({ removed }, 'kept files past retention or never accepted deleted');
      return removed;
    },
  };
}
