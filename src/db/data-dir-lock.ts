/**
 * PGlite is single-process: two processes writing one data directory corrupt it. The first to
 * open it writes a lock file holding its pid; a second is refused, naming the holder. A lock left
 * by a process that is gone (a crash, a container restarted with the same pid) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { DataDirLockedError } from './errors.js';

export interface DataDirLock {
  path: string;
  release(): void;
}

/** Lock files this process holds (its own pid in a file does not mean "stale" while it is open here). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function lockDataDir(path: string, what: string): DataDirLock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      held.add(path);
      return {
        path,
        release() {
          if (!held.delete(path)) return;
          if (holderOf(path) === process.pid) {
            try {
              unlinkSync(path);
            } catch {
              /* already gone */
            }
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = holderOf(path);
    const mine = pid === process.pid && held.has(path);
    if (pid !== null && (mine || (pid !== process.pid && alive(pid)))) {
      throw new DataDirLockedError(
        `${what} is already in use by another Rivet process (pid ${pid}${mine ? ', this one' : ''}): the embedded database allows one process; stop that one, or set DATABASE_URL to share PostgreSQL between processes (lock file ${path})`,
        pid,
      );
    }
    // Stale (its process is gone) or unreadable: take it over.
    try {
      unlinkSync(path);
    } catch {
      /* someone else took it over first; try again */
    }
  }
  throw new DataDirLockedError(`could not lock ${what} (lock file ${path})`, holderOf(path) ?? 0);
}
