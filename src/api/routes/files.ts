/**
 * GET /files/<yyyy-mm>/<uuid>.<ext>: photos and voice notes Rivet keeps, the link an Atlas
 * comment carries when the instance is not licensed for file uploads. The random uuid makes the
 * address the permission (like Telegram's own file links); nothing is listed, and nothing but
 * the strict path (files/kept-files.ts) is ever served, always as a download (Content-Disposition:
 * attachment, nosniff). Files are deleted after RIVET_FILE_RETENTION_DAYS (files/housekeeping.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { KEPT_FILE_PATH } from '../../files/kept-files.js';
import type { AppEnv } from '../context.js';
import { NotFoundError } from '../errors.js';

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', ogg: 'audio/ogg', oga: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4', pdf: 'application/pdf' };

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
    // Always a download, never rendered in Rivet's origin (a "photo" could be HTML or SVG).
    return c.body(new Uint8Array(data), 200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${relative.split('/').pop()}"`,
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}
