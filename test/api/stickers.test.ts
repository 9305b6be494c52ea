/**
 * Asset QR stickers: the PNG decodes (jsQR) to the asset's `t.me/<bot>?start=a_<id>` link, the
 * sheet lists exactly a location's assets with their links, and `rivet qr-sheet` prints the
 * same sheet. Against the real service and the fake Atlas and Telegram.
 */
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { qrSheetCommand } from '../../src/commands/qr-sheet.js';
import { loadConfig } from '../../src/config/config.js';
import { memoryLogger } from '../helpers/logger.js';
import { startE2E, type E2E } from '../e2e/harness.js';
import { describeWith } from '../helpers/services.js';

const KEY = 'admin-key-for-tests-0123456789';
let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { RIVET_API_KEY: KEY } });
});
afterAll(() => e?.close());

// jsqr is CommonJS whose types declare an ES default export: the function is on `.default` either way.
const jsQR = jsQRModule.default;
const get = (path: string, key: string | null = KEY) => fetch(`${e.rivet.url}/api${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const decode = (png: Buffer) => {
  const img = PNG.sync.read(png);
  return { width: img.width, height: img.height, text: jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null };
};
/** Links of the stickers on a sheet, in order, decoded from the page's data attributes. */
const stickerLinks = (html: string) => [...html.matchAll(/data-asset-id="(\d+)" data-link="([^"]+)"/g)].map((m) => ({ id: Number(m[1]), link: m[2] }));

describeWith(['postgres', 'redis'], 'GET /api/assets/:id/qr.png', () => {
  it('is a PNG of the asked size that decodes to the asset link', async () => {
    const res = await get('/assets/1598/qr.png?size=300');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const qr = decode(Buffer.from(await res.arrayBuffer()));
    expect(qr).toEqual({ width: 300, height: 300, text: 'https://t.me/rivet_test_bot?start=a_1598' });
    expect(decode(Buffer.from(await (await get('/assets/1590/qr.png')).arrayBuffer()))).toMatchObject({ width: 512, text: 'https://t.me/rivet_test_bot?start=a_1590' });
  });

  it('needs the key; names a bad id or size; an unknown asset is 404', async () => {
    expect((await get('/assets/1598/qr.png', null)).status).toBe(401);
    const bad = await get('/assets/abc/qr.png');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.details.fields[0].field).toBe('id');
    const big = await get('/assets/1598/qr.png?size=99999');
    expect(big.status).toBe(400);
    expect(((await big.json()) as any).error.details.fields[0].field).toBe('size');
    expect((await get('/assets/999999/qr.png')).status).toBe(404);
  });
});

describeWith(['postgres', 'redis'], 'GET /api/assets/qr-sheet?location=', () => {
  it("lists the location's assets, each with its name, tag and QR link", async () => {
    const res = await get('/assets/qr-sheet?location=120');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('QR stickers · Riverside Plant - Wastewater Treatment');
    const expected = [1690, 1688, 1691, 1694, 1686]; // by name: pH…, Sludge…, Transfer P-520, P-521, Wastewater…
    expect(stickerLinks(html)).toEqual(expected.map((id) => ({ id, link: `https://t.me/rivet_test_bot?start=a_${id}` })));
    expect(html).toContain('Transfer Pump P-520 (WWT)');
    expect(html).toContain('A001691');
    expect(html.match(/<svg /g)).toHaveLength(5);
  });

  it('names a missing location; an empty one is 404', async () => {
    const res = await get('/assets/qr-sheet');
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.details.fields[0].field).toBe('location');
    expect((await get('/assets/qr-sheet?location=987654')).status).toBe(404);
  });
});

describeWith(['postgres', 'redis'], 'rivet qr-sheet', () => {
  it('prints the same sheet, read from Atlas', async () => {
    const config = loadConfig({ ATLAS_URL: e.atlas.url, ATLAS_EMAIL: e.atlas.credentials.email, ATLAS_PASSWORD: e.atlas.credentials.password, TELEGRAM_BOT_USERNAME: '@rivet_test_bot' });
    let out = '';
    let err = '';
    const sink = (f: (s: string) => void) => ({ write: (s: string) => (f(s), true) }) as unknown as NodeJS.WritableStream;
    const code = await qrSheetCommand(['--location', '121'], { config, logger: memoryLogger('silent').logger, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) });
    expect(code).toBe(0);
    expect(stickerLinks(out)).toEqual([
      { id: 1590, link: 'https://t.me/rivet_test_bot?start=a_1590' },
      { id: 1595, link: 'https://t.me/rivet_test_bot?start=a_1595' },
    ]);
    expect(err).toMatch(/^2 stickers for /);
    expect(await qrSheetCommand([], { config, logger: memoryLogger('silent').logger, stdout: sink(() => {}), stderr: sink(() => {}) })).toBe(64);
  });
});
