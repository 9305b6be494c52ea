/**
 * When Atlas refuses a new person's account (the 5-paid-user cap of an unlicensed instance,
 * here with ATLAS_DEFAULT_ROLE=TECHNICIAN and a cap of 1), the Rivet account still works, the
 * Atlas step keeps being retried through the job pipeline, and supervisors are told once:
 * through oversight when it takes the notice, else in their Telegram chats.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Oversight } from '../../src/core/ports.js';
import { textUpdate } from '../fakes/telegram/updates.js';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe/index.js';
import { person, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

const PRICE = 'price_pro_m';
let e: E2E;
let stripe: FakeStripe;
let oversightUp = false;
const notices: { key: string; text: string }[] = [];
const oversight: Oversight = {
  async mirror() {},
  async askSupervisor() {
    return { delivered: false };
  },
  async notifySupervisors(n) {
    if (!oversightUp) return { delivered: false };
    notices.push({ key: n.key, text: n.text });
    return { delivered: true };
  },
};

beforeAll(async () => {
  stripe = await startFakeStripe({ prices: [PRICE] });
  e = await startE2E({
    atlas: { licensed: false, paidUserCap: 1 },
    env: {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_PRICE_TIERS: `${PRICE}=pro`,
      STRIPE_API_BASE: stripe.apiBase,
      ATLAS_DEFAULT_ROLE: 'TECHNICIAN',
    },
    rivet: { oversight },
  });
});
afterAll(async () => {
  await e?.close();
  await stripe?.close();
});

async function buy(email: string) {
  const customer = stripe.createCustomer({ email });
  const sub = stripe.createSubscription({ customer, priceIds: [PRICE] });
  const session = stripe.createSession({ customer, subscription: sub.id, email, name: null });
  expect((await stripe.deliver(e.rivet.url!, stripe.event('checkout.session.completed', stripe.sessionJson(session.id)))).status).toBe(200);
  const link = await until(async () => {
    const res = await fetch(`${e.rivet.url}/welcome?session_id=${session.id}`);
    return res.status === 200 ? /href="https:\/\/t\.me\/[^"?]+\?start=([^"]+)"/.exec(await res.text())?.[1] : null;
  }, 10_000, 'the welcome link');
  return { customer, token: link };
}
/** Invitations Atlas refused (the cap answers 500, §0). */
const refusedInvites = () => e.atlas.state.requests.filter((r) => r.path === '/users/invite' && r.status === 500).length;

describeWith(['postgres', 'redis'], 'Atlas refuses the new person', () => {
  it('the Rivet account works, the Atlas step is retried, supervisors are told once, and it succeeds once Atlas allows it', async () => {
    const org = e.rivet.organization.id;
    const sue = person('Sue');
    await e.tdb.repos.users.create({ organizationId: org, displayName: 'Sue Visor', role: 'supervisor', telegramId: sue.id });

    // No oversight channel: Sue hears it in Telegram.
    const a = await buy('ada@plant.test');
    const told = await e.waitForText(sue.id, /could not create an Atlas account for ada@plant\.test/);
    expect(told.text).toMatch(/free limit of 5 users on paid roles/);
    const ada = person('Ada');
    await e.post(textUpdate(ada, `/start ${a.token}`));
    await e.waitForText(ada.id, /connected to your Rivet account \(pro\)/);

    // With an oversight channel, the notice goes there.
    oversightUp = true;
    const b = await buy('bo@plant.test');
    await until(() => notices.find((n) => n.text.includes('bo@plant.test')), 8_000, 'the oversight notice');
    expect((await e.tdb.repos.users.byStripeCustomer(b.customer))?.tier).toBe('pro');

    // Retried through the pipeline, without telling anyone again.
    await until(() => refusedInvites() >= 4, 10_000, 'both retried');
    expect(e.tg.sentMessages(sue.id).filter((m) => /Atlas account/.test(m.text ?? ''))).toHaveLength(1);
    expect(notices.filter((n) => n.text.includes('bo@plant.test'))).toHaveLength(1);

    // A licence arrives: both accounts are created on the next try.
    e.atlas.setLicensed(true);
    for (const customer of [a.customer, b.customer]) {
      const u = await until(async () => {
        const row = await e.tdb.repos.users.byStripeCustomer(customer);
        return row?.atlasUserId ? row : null;
      }, 15_000, 'the Atlas user id stored');
      const atlasUser = e.atlas.store.users.find((x) => x.id === u.atlasUserId)!;
      expect(atlasUser).toMatchObject({ email: u.email, enabled: true });
      expect(atlasUser.role.code).toBe('TECHNICIAN');
    }
  });
});
