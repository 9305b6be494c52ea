import { afterAll, beforeAll, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import type { Oversight } from '../../src/core/ports.js';
import { setWebhookCommand } from '../../src/bots/telegram/set-webhook.js';
import { loadConfig } from '../../src/config/config.js';
import { memoryLogger } from '../helpers/logger.js';
import { person, SECRET, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

const mirrored: { sender: string; text: string }[] = [];
const asked: string[] = [];
const oversight: Oversight = {
  async mirror(entry) {
    mirrored.push({ sender: entry.sender, text: entry.text });
  },
  async askSupervisor(q) {
    asked.push(`${q.requesterName}: ${q.text}`);
    return { delivered: true };
  },
};

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ rivet: { oversight } });
});
afterAll(() => e?.close());

describeWith(['postgres', 'redis'], '/start', () => {
  it('makes an unknown person a beta user and greets them by name in three short lines', async () => {
    const dee = person('Dee');
    await e.post(textUpdate(dee, '/start'));
    const hello = await e.waitForText(dee.id, /^Hi Dee/);
    expect(hello.text!.split('\n')).toHaveLength(4);
    const user = await e.tdb.repos.users.byTelegramId(dee.id);
    expect(user).toMatchObject({ tier: 'beta', displayName: 'Dee Tech' });
  });

  it('starts a report already set to the asset of a QR sticker', async () => {
    const eli = person('Eli');
    await e.post(textUpdate(eli, '/start a_1598'));
    await e.waitForText(eli.id, /^Reporting on Pump P-501 \(PT Stage 1 Degrease\) · Riverside Plant - Paint Shop - Pretreatment\. What's wrong\?$/);
    await e.post(textUpdate(eli, 'spraying water everywhere'));
    const card = await e.waitForText(eli.id, /New work order/);
    expect(card.text).toMatch(/Asset: Pump P-501 .*\nPriority: High\nTitle: P-501 spraying water everywhere/);
  });

  it('links the Telegram account to a Stripe-provisioned user once; a used or expired link says so', async () => {
    const org = e.rivet.organization.id;
    const paid = await e.tdb.repos.users.create({ organizationId: org, email: 'fay@plant.test', displayName: 'Fay Boss', tier: 'pro' });
    const fay = person('Fay');
    await e.post(textUpdate(fay, 'hello')); // talks to the bot first, as a beta user
    await e.waitForText(fay.id, /Hi Fay/);
    const { token } = await e.tdb.repos.linkTokens.issue({ organizationId: org, userId: paid.id, now: new Date() });
    await e.post(textUpdate(fay, `/start ${token}`));
    await e.waitForText(fay.id, /Linked\. Your Telegram is now connected to your Rivet account \(pro\)/);
    expect((await e.tdb.repos.users.byTelegramId(fay.id))?.id).toBe(paid.id);

    const gus = person('Gus');
    await e.post(textUpdate(gus, `/start ${token}`));
    await e.waitForText(gus.id, /already used/);
    const old = await e.tdb.repos.linkTokens.issue({ organizationId: org, userId: paid.id, now: new Date(Date.now() - 8 * 24 * 3_600_000) });
    await e.post(textUpdate(gus, `/start ${old.token}`));
    await e.waitForText(gus.id, /expired \(links last 7 days\)/);
  });

  it('/help lists the commands, and the command menu is registered', async () => {
    const hal = person('Hal');
    await e.post(textUpdate(hal, '/help'));
    const help = await e.waitForText(hal.id, /\/mine/);
    expect(help.text).toMatch(/\/status 42[\s\S]*\/cancel/);
    const menus = e.tg.callsOf('setMyCommands');
    expect(menus.length).toBeGreaterThanOrEqual(1);
    expect(menus[0]!.params.commands.map((c: { command: string }) => c.command)).toEqual(['mine', 'status', 'site', 'cancel', 'language', 'help', 'start']);
    // People whose Telegram is in Spanish, Portuguese or German see the menu in their language.
    const spanish = menus.find((m) => m.params.language_code === 'es');
    expect(spanish?.params.commands.find((c: { command: string }) => c.command === 'mine')?.description).toBe('Mis órdenes de trabajo');
    expect(menus.map((m) => m.params.language_code).filter(Boolean).sort()).toEqual(['de', 'es', 'pt']);
  });
});

describeWith(['postgres', 'redis'], 'supervisors (oversight seam)', () => {
  it('mirrors both sides of the chat and passes ask_human to a supervisor', async () => {
    const val = person('Val');
    await e.post(textUpdate(val, 'I need to talk to a supervisor about the press schedule'));
    await e.waitForText(val.id, /passed your question to a supervisor/);
    expect(asked).toEqual(['Val: I need to talk to a supervisor about the press schedule']);
    await until(() => mirrored.some((m) => m.sender === 'bot' && /passed your question/.test(m.text)), 5_000, 'the reply mirrored');
    expect(mirrored).toContainEqual({ sender: 'technician', text: 'I need to talk to a supervisor about the press schedule' });
  });
});

describeWith(['postgres', 'redis'], 'rivet telegram:set-webhook', () => {
  it('registers PUBLIC_URL/telegram/webhook with the secret and the command menu', async () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: e.tg.token, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: e.tg.apiRoot, PUBLIC_URL: 'https://rivet.example.com/' });
    let out = '';
    const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    expect(await setWebhookCommand(config, memoryLogger('silent').logger, sink)).toBe(0);
    expect(e.tg.callsOf('setWebhook').at(-1)!.params).toMatchObject({ url: 'https://rivet.example.com/telegram/webhook', secret_token: SECRET, allowed_updates: ['message', 'callback_query'] });
    expect(out).toContain('https://rivet.example.com/telegram/webhook');
    const noSecret = loadConfig({ TELEGRAM_BOT_TOKEN: e.tg.token, TELEGRAM_API_ROOT: e.tg.apiRoot, PUBLIC_URL: 'https://rivet.example.com' });
    expect(await setWebhookCommand(noSecret, memoryLogger('silent').logger, sink)).toBe(78);
  });
});
