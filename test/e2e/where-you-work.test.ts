/**
 * Through POST /telegram/webhook: Rivet learns where a person works from their own reports and
 * from /site or an administrator, and a name shared by several sites goes to their site's machine;
 * a report at another site still asks. Side messages while "which one?" waits get one reminder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import type { Person } from '../fakes/telegram/updates.js';
import { loadAssets } from '../core/helpers.js';
import { person, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

const API_KEY = 'e2e-admin-key-where-0123456789';
let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { RIVET_API_KEY: API_KEY, RIVET_SUPERVISOR_CONTACT: 'Maria Lopez, ext. 214' } });
});
afterAll(() => e?.close());

const buttonsOf = (m: { reply_markup?: unknown }) => ((m.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);

async function file(p: Person, text: string) {
  const before = e.texts(p.id).filter((t) => /^Filed WO/.test(t)).length;
  await e.post(textUpdate(p, text));
  await e.waitForText(p.id, /^New work order/);
  await e.tap(p, p.id, /Create/);
  await until(() => e.texts(p.id).filter((t) => /^Filed WO/.test(t)).length > before);
}

describeWith(['postgres', 'redis'], 'where a person works', () => {
  it('after two reports at one site, a name shared by several sites is that site’s machine; a name from another site still asks', async () => {
    const dee = person('Dee');
    await file(dee, 'Forklift FLT-03 leaking hydraulic fluid');
    await file(dee, 'Forklift FLT-07 horn not working');

    await e.post(textUpdate(dee, 'exhaust fan EF-2 is rattling'));
    const card = await e.waitForText(dee.id, /^New work order\nAsset: Exhaust Fan EF-2/);
    expect(card.text).toMatch(/^New work order\nAsset: Exhaust Fan EF-2 · Eastgate DC - Roof\n/);
    expect(card.text).toMatch(/Title: EF-2 rattling$/);
    await e.tap(dee, dee.id, /Cancel/);

    // AHU-2 exists only at Riverside, in two halls: nothing at Dee's site settles it.
    await e.post(textUpdate(dee, 'AHU-2 belt snapped'));
    const which = await e.waitForText(dee.id, /Which one/);
    expect(buttonsOf(which)).toEqual(['Air Handler AHU-2 · Hall A (Stamping)', 'Air Handler AHU-2 · Hall B (Assembly)', 'None of these', 'Cancel']);

    // Someone with no history is asked about EF-2 (three sites' fans).
    const new1 = person('Gus');
    await e.post(textUpdate(new1, 'exhaust fan EF-2 is rattling'));
    const asked = await e.waitForText(new1.id, /Which one/);
    expect(buttonsOf(asked)).toHaveLength(5);
  });

  it('/site shows, sets and clears where a person works; the set site settles a shared name', async () => {
    const eli = person('Eli');
    await e.post(textUpdate(eli, '/site'));
    await e.waitForText(eli.id, /I don’t know where you work yet\.[\s\S]*\/site <name> \(sites: Eastgate DC, Riverside Plant\)/);
    await e.post(textUpdate(eli, '/site eastgate'));
    await e.waitForText(eli.id, /^OK, you work at Eastgate DC\./);
    await e.post(textUpdate(eli, 'unit heater UH-1 not heating'));
    const card = await e.waitForText(eli.id, /^New work order/);
    expect(card.text).toMatch(/Asset: Unit Heater UH-1 · Eastgate DC - Receiving Docks/);
    await e.tap(eli, eli.id, /Cancel/);

    await e.post(textUpdate(eli, '/site'));
    await e.waitForText(eli.id, /^You work at Eastgate DC \(you set it\)\./);
    await e.post(textUpdate(eli, '/site none'));
    await e.waitForText(eli.id, /^OK, I forgot the site you set/);
    await e.post(textUpdate(eli, 'unit heater UH-2 not heating'));
    await e.waitForText(eli.id, /Which one is “unit heater UH-2”/);
  });

  it('an administrator sets it through the admin API', async () => {
    const fay = person('Fay');
    await e.post(textUpdate(fay, '/help'));
    await e.waitForText(fay.id, /\/site – where you work/);
    const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
    const [user] = (await (await fetch(`${e.rivet.url}/api/users?telegramId=${fay.id}`, { headers: auth })).json()) as { id: string }[];
    const roof = loadAssets().find((a) => a.name === 'Exhaust Fan EF-1' && /Eastgate/.test(a.location?.name ?? ''))!;
    const res = await fetch(`${e.rivet.url}/api/users/${user!.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ homeLocationId: roof.location!.id }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ homeLocationId: roof.location!.id });
    const bad = await fetch(`${e.rivet.url}/api/users/${user!.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ homeLocationId: 'roof' }) });
    expect(bad.status).toBe(400);

    await e.post(textUpdate(fay, 'exhaust fan EF-4 is rattling'));
    await e.waitForText(fay.id, /^New work order\nAsset: Exhaust Fan EF-4 · Eastgate DC - Roof/);
  });
});

describeWith(['postgres', 'redis'], 'one reminder per pending step', () => {
  it('answers side messages plainly and reminds once; the buttons still work after', async () => {
    const hal = person('Hal');
    await e.post(textUpdate(hal, 'exhaust fan EF-3 is rattling'));
    await e.waitForText(hal.id, /Which one/);
    await e.post(textUpdate(hal, 'thanks!'));
    await e.waitForText(hal.id, /You’re welcome/);
    await e.post(textUpdate(hal, 'help'));
    await e.waitForText(hal.id, /Tell me what is broken and where/);
    await e.post(textUpdate(hal, 'my work orders'));
    await e.waitForText(hal.id, /no work orders yet/);
    await e.idle();
    expect(e.texts(hal.id).filter((t) => /still waiting for a tap/.test(t))).toHaveLength(1);
    await e.tap(hal, hal.id, /Roof/, { on: /Which one/ });
    await e.waitForText(hal.id, /^New work order\nAsset: Exhaust Fan EF-3 · Eastgate DC - Roof/);
  });
});

describeWith(['postgres', 'redis'], 'asking first', () => {
  it('a status question in plain words is answered with the status; a question for a person without Slack says how to reach one', async () => {
    const ivy = person('Ivy');
    await file(ivy, 'Pump P-501 leaking oil');
    const number = Number(/WO(\d{6})/.exec(e.texts(ivy.id).find((t) => /^Filed WO/.test(t))!)![1]);
    await e.post(textUpdate(ivy, `any word on WO${number}?`));
    await e.waitForText(ivy.id, new RegExp(`^WO${String(number).padStart(6, '0')} · `));
    await e.post(textUpdate(ivy, 'I need to talk to a supervisor about the press schedule'));
    await e.waitForText(ivy.id, /You can reach one at: Maria Lopez, ext\. 214/);
    expect(e.texts(ivy.id).some((t) => /No supervisor is connected/.test(t))).toBe(false);
  });
});
