/**
 * Asset QR stickers: `GET /api/assets/:id/qr.png` (one code, for a label printer) and
 * `GET /api/assets/qr-sheet?location=<id>` (a printable HTML sheet of a location's assets).
 * Each code is `https://t.me/<bot>?start=a_<asset id>`: scanning it opens the bot with a report
 * already set to that asset.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { NotFoundError, ServiceUnavailableError } from '../errors.js';
import { parseWith, query } from '../validation.js';
import type { AssetCatalog } from '../../core/ports.js';
import { assetStartPayload, telegramStartLink } from '../../core/provisioning/index.js';
import { qrPng } from '../pages/qr.js';
import { stickerSheet } from '../pages/sticker-sheet.js';

const assetId = z.string().regex(/^\d{1,12}$/, 'must be an asset id (a positive whole number)').transform(Number);
const sheetQuery = z.object({ location: z.string({ error: 'is required (a location id)' }).regex(/^\d{1,12}$/, 'must be a location id (a positive whole number)').transform(Number) });
const pngQuery = z.object({
  size: z.string().regex(/^\d{2,4}$/, 'must be a whole number of pixels').transform(Number).pipe(z.number().min(128, 'must be at least 128').max(2048, 'must be at most 2048')).optional(),
});

export function stickerRoutes(deps: { assets: AssetCatalog | null; botUsername(): Promise<string | null> }): Hono<AppEnv> {
  const catalog = () => {
    if (!deps.assets) throw new ServiceUnavailableError('atlas_disabled', 'Atlas is not configured: set ATLAS_URL and its credentials');
    return deps.assets;
  };
  const bot = async () => {
    const name = await deps.botUsername().catch(() => null);
    if (!name) throw new ServiceUnavailableError('telegram_unavailable', 'The bot username is unknown: set TELEGRAM_BOT_TOKEN (Telegram reachable) or TELEGRAM_BOT_USERNAME');
    return name;
  };

  return new Hono<AppEnv>()
    .get('/assets/qr-sheet', async (c) => {
      const { location } = query(c, sheetQuery);
      const assets = catalog().all().filter((a) => a.location?.id === location && a.id > 0);
      if (assets.length === 0) throw new NotFoundError(`location: no assets at location ${location}`);
      const sorted = [...assets].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
      const html = await stickerSheet({ botUsername: await bot(), locationName: sorted[0]!.location!.name, assets: sorted });
      return c.html(html);
    })
    .get('/assets/:id/qr.png', async (c) => {
      const { id } = parseWith(z.object({ id: assetId }), { id: c.req.param('id') });
      const { size } = query(c, pngQuery);
      const asset = catalog().get(id);
      if (!asset) throw new NotFoundError(`id: no asset ${id}`);
      const png = await qrPng(telegramStartLink(await bot(), assetStartPayload(asset.id)), size ?? 512);
      return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=300', 'Content-Disposition': `inline; filename="asset-${asset.id}-qr.png"` });
    });
}
