/**
 * Who may use the bot (RIVET_SIGNUP), end to end: in invite mode a stranger is told once how to
 * get in and nothing reaches Atlas; allow-listed usernames and sign-up links get in. In stripe
 * mode only paying customers do.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { photoUpdate, textUpdate, type Person } from '../fakes/telegram/updates.js';
import { person, startE2E, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

describeWith(['postgres', 'redis'], 'RIVET_SIGNUP=invite', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ env: { RIVET_SIGNUP: 'invite', RIVET_ALLOWLIST: '@crew_lead_1' } });
  });
  afterAll(() => e?.close());

  it('a stranger is told once how to get in; nothing is filed, nothing reaches Atlas, nobody is created', async () => {
    const zed = person('Zed');
    // Everything a chat could cause in Atlas; the status poll's searches go on regardless.
    const atlasCalls = () => e.atlas.state.requests.filter((r) => r.path.startsWith('/work-orders') && !r.path.startsWith('/work-orders/search')).length;
    const before = atlasCalls();
    await e.post(textUpdate(zed, 'Pump P-501 leaking oil, urgent'));
    await e.post(textUpdate(zed, '/status 1'));
    await e.post(textUpdate(zed, 'hello? anyone?'));
    e.tg.addFile({ fileId: `zed-photo-${zed.id}`, data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) });
    await e.post(photoUpdate(zed, `zed-photo-${zed.id}`, { caption: 'look at this' }));
    await e.waitForText(zed.id, /by invitation only/);
    await e.idle();
    // Not even the photo was fetched.
    expect(e.tg.callsOf('getFile').filter((c) => c.params.file_id === `zed-photo-${zed.id}`)).toEqual([]);
    expect(e.texts(zed.id)).toEqual(['Hi! Rivet here is by invitation only. Ask your administrator or supervisor for a sign-up link: tapping it connects your Telegram to Rivet.']);
    expect(atlasCalls()).toBe(before);
    expect(await e.tdb.repos.users.byTelegramId(zed.id)).toBeNull();
  });

  it('an allow-listed username and a sign-up link get in', async () => {
    const lead: Person = { ...person('Lea'), username: 'Crew_Lead_1' };
    await e.post(textUpdate(lead, '/start'));
    await e.waitForText(lead.id, /^Hi Lea, I'm Rivet/);

    const paid = await e.tdb.repos.users.create({ organizationId: e.rivet.organization.id, email: 'fay@plant.test', displayName: 'Fay Boss', tier: 'pro' });
    const { token } = await e.tdb.repos.linkTokens.issue({ organizationId: e.rivet.organization.id, userId: paid.id, now: new Date() });
    const fay = person('Fay');
    await e.post(textUpdate(fay, `/start ${token}`));
    await e.waitForText(fay.id, /Linked\. Your Telegram is now connected to your Rivet account \(pro\)/);
    await e.post(textUpdate(fay, 'Pump P-502 leaking at the flange'));
    await e.waitForText(fay.id, /New work order/);
    await e.tap(fay, fay.id, /Create/);
    await e.waitForText(fay.id, /^Filed WO\d{6}/);
  });
});

describeWith(['postgres', 'redis'], 'RIVET_SIGNUP=stripe', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ env: { RIVET_SIGNUP: 'stripe' } });
  });
  afterAll(() => e?.close());

  it('only paying customers get in: a beta user is told once, a Stripe-provisioned one files', async () => {
    const org = e.rivet.organization.id;
    const bea = person('Bea');
    await e.tdb.repos.users.create({ organizationId: org, telegramId: bea.id, displayName: 'Bea Tech' });
    const before = e.atlas.state.workOrders.size;
    await e.post(textUpdate(bea, 'Pump P-501 leaking oil'));
    await e.post(textUpdate(bea, 'Pump P-501 leaking oil'));
    await e.waitForText(bea.id, /for subscribers only/);
    const pat = person('Pat');
    await e.tdb.repos.users.create({ organizationId: org, telegramId: pat.id, email: 'pat@plant.test', stripeCustomerId: `cus_${pat.id}`, tier: 'starter', displayName: 'Pat Paid' });
    await e.post(textUpdate(pat, 'Pump P-503 making noise'));
    await e.waitForText(pat.id, /New work order/);
    await e.tap(pat, pat.id, /Create/);
    await e.waitForText(pat.id, /^Filed WO\d{6}/);
    await e.idle();
    expect(e.texts(bea.id)).toEqual(['Hi! Rivet here is for subscribers only, and your account has no active subscription. Ask your administrator for a sign-up link.']);
    expect(e.atlas.state.workOrders.size).toBe(before + 1);
  });
});
