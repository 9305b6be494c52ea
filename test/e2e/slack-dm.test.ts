/**
 * Technicians on Slack: a direct message with the bot is the same conversation as on Telegram,
 * rendered as Block Kit; its report files a work order (and opens its thread for supervisors).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DETAILED, until } from './harness.js';
import { MARIA, OVERSIGHT, SAM, SAM_DM, controlsOf, shownText, startSlackE2E, type SlackE2E } from './slack-harness.js';
import { describeWith } from '../helpers/services.js';

let e: SlackE2E;
beforeAll(async () => {
  e = await startSlackE2E();
});
afterAll(() => e?.close());

describeWith(['postgres', 'redis'], 'a technician in a Slack direct message', () => {
  it('asks “which one?” with buttons, confirms with buttons, and files the work order in Atlas once', async () => {
    await e.say(SAM, 'exhaust fan EF-1 is making a loud noise, urgent', { channel: SAM_DM, im: true });
    const which = await e.dm(SAM_DM, /Which one is “exhaust fan EF-1”\?/);
    expect(controlsOf(which).map((c) => c.text)).toEqual(['Exhaust Fan EF-1 · Hall A (Stamping)', 'Exhaust Fan EF-1 · Hall B (Assembly)', 'Exhaust Fan EF-1 · Roof', 'None of these', 'Cancel']);
    await e.click(SAM, which, /Hall B/);
    // The question is edited into the confirmation card, like on Telegram.
    await until(() => /^New work order\nAsset: Exhaust Fan EF-1 · .*Hall B/.test(shownText(e.slack.messages(SAM_DM).find((m) => m.ts === which.ts)!)), 8_000, 'the card in place of the question');
    // A copy: the fake applies later edits to the message it keeps.
    const card = structuredClone(e.slack.messages(SAM_DM).find((m) => m.ts === which.ts)!);
    expect(controlsOf(card).map((c) => c.text)).toEqual(['✅ Create', 'Priority', 'Title', 'Cancel']);
    await e.click(SAM, card, /Create/);
    const filed = await e.dm(SAM_DM, /^Filed WO\d{6} — EF-1 making a loud noise/);
    const customId = /WO\d{6}/.exec(shownText(filed))![0];
    expect([...e.atlas.state.workOrders.values()].filter((w) => w.customId === customId)).toHaveLength(1);

    // A second tap on the same (now stale) button says so, to Sam only.
    await e.click(SAM, card, /Create/);
    await e.note(SAM, /out of date/);
    expect([...e.atlas.state.workOrders.values()].filter((w) => /EF-1 making a loud noise/i.test(w.title))).toHaveLength(1);

    const root = await e.root(new RegExp(`${customId} · EF-1 making a loud noise`));
    expect(shownText(root)).toMatch(/Reported by Sam Ortiz \(Slack\)/);
    // A supervisor's marked reply reaches Sam in his direct message.
    await e.say(MARIA, '>> thanks Sam, on it', { threadTs: root.ts });
    await e.dm(SAM_DM, /^Maria Lopez \(supervisor\): thanks Sam, on it$/);
  });

  it('answers command words and attaches a photo to the report', async () => {
    await e.say(SAM, 'help', { channel: SAM_DM, im: true });
    await e.dm(SAM_DM, /Tell me what is broken and where/);
    const photo = e.slack.addFile({ id: 'F0PHOTO1', data: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]), name: 'leak.jpg', mimetype: 'image/jpeg' });
    await e.say(SAM, 'Pump P-503 leaking at the seal', { channel: SAM_DM, im: true, files: [{ id: 'F0PHOTO1', name: 'leak.jpg', mimetype: 'image/jpeg', size: 6, url_private_download: photo.url }] });
    const card = await e.dm(SAM_DM, /^New work order\nAsset: Pump P-503[\s\S]*📎 1 photo/);
    await e.click(SAM, card, /Create/);
    await e.dm(SAM_DM, /^Filed WO\d{6} — P-503 leaking at the seal/);
    // The photo was downloaded with the bot's token, kept, and uploaded to Atlas.
    await until(() => e.atlas.state.files.some((f) => f.name === 'leak.jpg' && f.size === 6), 10_000, 'the photo in Atlas');
  });
});

describeWith(['postgres', 'redis'], '/health', () => {
  it('reports Slack through auth.test', async () => {
    const h = (await (await fetch(`${e.rivet.url}/health`, DETAILED)).json()) as { checks: { slack: { status: string; details?: Record<string, unknown> } } };
    expect(h.checks.slack).toMatchObject({ status: 'up', details: { team: 'Rivet Test', bot: 'rivet', channel: OVERSIGHT } });
  });
});
