/**
 * The /demo page in a real headless Chromium: a technician reports a fault (typed, sent with
 * Enter), adds a photo, taps Create, and sees the work order number; the supervisor pane shows
 * the work order's thread, and a supervisor's ">>" reply reaches the technician's chat. Controls
 * are found by their accessible names (labels, button texts), so an unlabelled control fails the
 * test. Ends with a screenshot of the whole flow: in the temp dir, so a test run leaves the
 * checkout clean; `RIVET_SCREENSHOT=docs/demo.png npm test -- test/browser` refreshes the README's.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../scripts/demo.js';
import { chromiumMissing, launchChromium, type Browser } from './chromium.js';

const SCREENSHOT = process.env.RIVET_SCREENSHOT
  ? join(dirname(fileURLToPath(import.meta.url)), '../..', process.env.RIVET_SCREENSHOT)
  : join(tmpdir(), `rivet-demo-${process.pid}.png`);

/** A small photo of a "leak" (a dark blot on grey). */
function photo(): Buffer {
  const png = new PNG({ width: 96, height: 64 });
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 96; x++) {
      const i = (y * 96 + x) * 4;
      const blot = (x - 48) ** 2 + (y - 40) ** 2 < 200;
      png.data[i] = blot ? 40 : 170;
      png.data[i + 1] = blot ? 30 : 175;
      png.data[i + 2] = blot ? 20 : 180;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

let demo: RunningDemo | null = null;
let browser: Browser | null = null;

beforeAll(async () => {
  if (chromiumMissing) return;
  demo = await startDemo({ port: 0, logLevel: 'silent' });
  browser = await launchChromium({ viewport: { width: 1280, height: 820 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('the /demo page in headless Chromium', () => {
  it('a report typed in the chat becomes a work order, and the supervisor sees its thread', async (ctx) => {
    ctx.skip(!!chromiumMissing, `skipped: ${chromiumMissing}`);
    const page = await browser!.context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    await page.goto(demo!.url);

    const chat = page.getByRole('log', { name: 'Chat with Rivet' });
    await expect.poll(() => chat.innerText(), { timeout: 20_000 }).toMatch(/Linked/);

    // Typed and sent with the keyboard.
    const box = page.getByLabel('Message to Rivet');
    await box.fill('Press PR-101 is leaking hydraulic oil');
    await box.press('Enter');
    const create = chat.getByRole('button', { name: /Create/ });
    await create.waitFor({ timeout: 20_000 });

    // A photo for the report, through the labelled file input.
    await page.getByLabel(/Send a photo/).setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: photo() });
    await chat.getByRole('img', { name: 'Photo you sent' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => chat.innerText(), { timeout: 20_000 }).toMatch(/photo/i);

    // The newest Create (the report card may be shown again after the photo), activated from the keyboard.
    const button = chat.getByRole('button', { name: /Create/ }).last();
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => chat.innerText(), { timeout: 30_000 }).toMatch(/Filed WO\d{6}/);
    const number = /Filed (WO\d{6})/.exec(await chat.innerText())![1]!;
    expect([...demo!.atlas.state.workOrders.values()].map((w) => w.customId)).toContain(number);

    // The supervisor pane: the work order's thread, with its controls.
    const threads = page.getByRole('log', { name: 'Supervisor threads' });
    const thread = threads.getByRole('article').filter({ hasText: number });
    await thread.waitFor({ timeout: 20_000 });
    await expect.poll(() => thread.innerText()).toMatch(/Press PR-101/);
    await thread.getByRole('button', { name: /Take over/ }).waitFor();
    await thread.getByRole('combobox', { name: 'Set priority' }).waitFor();

    // A supervisor's ">>" reply in the thread reaches the technician.
    const reply = thread.getByLabel(/Reply in this thread/);
    await reply.fill('>> On my way with a drip tray');
    await reply.press('Enter');
    await expect.poll(() => chat.innerText(), { timeout: 20_000 }).toMatch(/Sam Supervisor \(supervisor\): On my way with a drip tray/);

    // The photo went to Atlas with the work order.
    await expect.poll(() => demo!.atlas.state.files.length, { timeout: 20_000 }).toBeGreaterThan(0);

    expect(failures).toEqual([]);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  }, 120_000);
});
