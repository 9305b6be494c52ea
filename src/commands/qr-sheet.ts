/**
 * `rivet qr-sheet --location <id> > stickers.html`: the printable sheet of a location's asset QR
 * stickers (the same as GET /api/assets/qr-sheet), read straight from Atlas.
 */
import { parseArgs } from 'node:util';
import { Api } from 'grammy';
import type { Logger } from 'pino';
import { stickerSheet } from '../api/pages/sticker-sheet.js';
import { createBotUsername } from '../bots/telegram/index.js';
import type { Config } from '../config/config.js';
import type { AssetRecord } from '../core/model.js';
import { createAtlasClient, type AtlasClient } from '../integrations/atlas/index.js';

const USAGE = 'Usage: rivet qr-sheet --location <Atlas location id> > stickers.html\n';

export async function qrSheetCommand(args: string[], deps: { config: Config; logger: Logger; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; atlas?: AtlasClient }): Promise<number> {
  let location: number;
  try {
    const { values } = parseArgs({ args, options: { location: { type: 'string' } }, strict: true });
    if (!values.location || !/^\d{1,12}$/.test(values.location)) throw new Error('--location: an Atlas location id (a whole number) is required');
    location = Number(values.location);
  } catch (err) {
    deps.stderr.write(`rivet qr-sheet: ${(err as Error).message}\n${USAGE}`);
    return 64;
  }
  const { config } = deps;
  if (!config.atlas && !deps.atlas) {
    deps.stderr.write('rivet qr-sheet: Atlas is not configured (ATLAS_URL and ATLAS_EMAIL/ATLAS_PASSWORD or ATLAS_API_KEY)\n');
    return 78;
  }
  const api = config.telegram ? new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot }) : null;
  const bot = await createBotUsername({ configured: config.botUsername, api })().catch(() => null);
  if (!bot) {
    deps.stderr.write('rivet qr-sheet: the bot username is unknown: set TELEGRAM_BOT_USERNAME (or TELEGRAM_BOT_TOKEN with Telegram reachable)\n');
    return 78;
  }
  const atlas = deps.atlas ?? createAtlasClient({ baseUrl: config.atlas!.url, auth: config.atlas!.auth, logger: deps.logger });
  const [assets, locations] = await Promise.all([atlas.listAssets(), atlas.listLocations()]);
  const place = locations.find((l) => l.id === location);
  const here: AssetRecord[] = assets
    .filter((a) => a.locationId === location)
    .map((a) => ({ id: a.id, customId: a.customId ?? `A${String(a.id).padStart(6, '0')}`, name: a.name, location: place ? { id: place.id, name: place.name } : null }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  if (here.length === 0) {
    deps.stderr.write(`rivet qr-sheet: no assets at location ${location}${place ? ` (${place.name})` : ' (no such location)'}\n`);
    return 66; // EX_NOINPUT
  }
  deps.stdout.write(await stickerSheet({ botUsername: bot, locationName: place?.name ?? `Location ${location}`, assets: here }));
  deps.stderr.write(`${here.length} stickers for ${place?.name ?? `location ${location}`}\n`);
  return 0;
}
