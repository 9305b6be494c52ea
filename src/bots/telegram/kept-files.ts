/**
 * Photos and voice notes Rivet keeps, reachable at PUBLIC_URL/files/<yyyy-mm>/<uuid>.<ext>: the
 * link an Atlas comment carries when the instance is not licensed for file uploads. The random
 * uuid makes the address the permission (like Telegram's own file links); nothing is listed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../../api/context.js';
import { NotFoundError } from '../../api/errors.js';
import type { AttachmentRef } from '../../core/ports.js';

/** files/<yyyy-mm>/<uuid>.<ext>, as files.ts writes them; nothing else is ever served. */
export const KEPT_FILE_PATH = /^files\/(\d{4}-\d{2})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,5})$/;

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', ogg: 'audio/ogg', oga: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4', pdf: 'application/pdf' };

/** Where a kept file is announced: a URL under PUBLIC_URL when there is one, else its relative path. */
export function keptFileAddress(relativePath: string, publicUrl: string | null): string {
  return publicUrl ? `${publicUrl}/${relativePath}` : relativePath;
}

export function keptFileRoutes(deps: { dataDir: string }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:month/:name', async (c) => {
    const relative = `files/${c.req.param('month')}/${c.req.param('name')}`;
    if (!KEPT_FILE_PATH.test(relative)) throw new NotFoundError('No such file');
    let data: Buffer;
    try {
      data = await readFile(join(deps.dataDir, relative));
    } catch {
      throw new NotFoundError('No such file');
    }
    const ext = relative.split('.').pop() ?? '';
    return c.body(new Uint8Array(data), 200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}

/**
 * Reads an attachment for the job pipeline: Rivet's own file links are read from the data dir
 * (no HTTP round trip through the public address) when the file is here; anything else goes to
 * the fallback reader (which fetches URLs).
 */
export function keptFileReader(deps: { dataDir: string; publicUrl: string | null; fallback: (ref: AttachmentRef) => Promise<Uint8Array> }) {
  return async (ref: AttachmentRef): Promise<Uint8Array> => {
    const prefix = deps.publicUrl ? `${deps.publicUrl}/` : null;
    const relative = prefix && ref.storedAt.startsWith(prefix) ? ref.storedAt.slice(prefix.length) : null;
    if (relative && KEPT_FILE_PATH.test(relative)) {
      try {
        return new Uint8Array(await readFile(join(deps.dataDir, relative)));
      } catch (err) {
        // A worker on another host has no copy: fetch it through the public address.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return deps.fallback(ref);
  };
}
