/**
 * From a Stripe checkout to a working Telegram account, end to end: events signed with the real
 * stripe library and POSTed to /webhooks/stripe, the SDK reading the fake Stripe API
 * (STRIPE_API_BASE), the welcome page, `/start <token>` through the Telegram webhook, the
 * person's Atlas user in the fake Atlas — on real PostgreSQL and Redis.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Oversight } from '../../src/core/ports.js';
import { textUpdate } from '../fakes/telegram/updates.js';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe/index.js';
import { DETAILED, person, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

const PRICES = { starter: 'price_starter_m', pro: 'price_pro_m' };
let e: E2E;
let stripe: FakeStripe;
const notices: string[] = [];
const oversight: Oversight = {
  async mirror() {},
  async askSupervisor() {
    return { delivered: false };
  },
  async notifySupervisors(n) {
    notices.push(n.text);
    return { delivered: true };
  },
};

beforeAll(async () => {
  stripe = await startFakeStripe({ prices: Object.values(PRICES) });
  e = await startE2E({
    env: {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_PRICE_TIERS: `${PRICES.starter}=starter,${PRICES.pro}=pro`,
      STRIPE_API_BASE: stripe.apiBase,
      LOG_LEVEL: 'debug',
    },
    rivet: { oversight },
  });
});
afterAll(async () => {
  await e?.close();
  await stripe?.close();
});

const welcome = (sessionId: string) => fetch(`${e.rivet.url}/welcome?session_id=${encodeURIComponent(sessionId)}`);
const users = () => e.tdb.repos.users;
async function userByCustomer(customerId: string) {
  return users().byStripeCustomer(customerId);
}
async function stripeEvents(): Promise<number> {
  const r = await e.tdb.database.db.execute(sql`select count(*)::int as n from processed_events where source = 'stripe'`);
  return (r.rows[0] as { n: number }).n;
}
/** A paid checkout of `price` for a new customer, and its completed event delivered. */
async function checkout(p: { email?: string | null; name?: string | null; price?: string; deliver?: boolean } = {}) {
  const customer = stripe.createCustomer({ email: p.email ?? null, name: p.name ?? null });
  const sub = stripe.createSubscription({ customer, priceIds: [p.price ?? PRICES.pro] });
  const session = stripe.createSession({ customer, subscription: sub.id, email: p.email === undefined ? 'someone@plant.test' : p.email, name: p.name ?? null });
  const event = stripe.event('checkout.session.completed', stripe.sessionJson(session.id));
  if (p.deliver !== false) expect((await stripe.deliver(e.rivet.url!, event)).status).toBe(200);
  return { customer, sub, session, event };
}
async function readyWelcome(sessionId: string): Promise<{ html: string; link: string }> {
  return until(async () => {
    const res = await welcome(sessionId);
    if (res.status !== 200) return null;
    const html = await res.text();
    const link = /href="(https:\/\/t\.me\/[^"]+)"/.exec(html)?.[1];
    return link ? { html, link: link.replace(/&amp;/g, '&') } : null;
  }, 10_000, `the welcome page of ${sessionId} to be ready`);
}

describeWith(['postgres', 'redis'], 'checkout → welcome page → /start → a linked, paid account', () => {
  it('provisions the buyer, shows the link and its QR code, and /start links a new Telegram account at the paid tier', async () => {
    const { customer, session, sub } = await checkout({ email: 'Rosa.Diaz@Plant.test', name: 'Rosa Diaz' });
    const page = await readyWelcome(session.id);
    expect(page.link).toMatch(/^https:\/\/t\.me\/rivet_test_bot\?start=c[A-Za-z0-9_-]{43}$/);
    expect(page.html).toContain('Open Rivet in Telegram');
    expect(page.html).toMatch(/<svg [^>]*aria-label="QR code of your Rivet link"/);

    const user = await userByCustomer(customer);
    expect(user).toMatchObject({ email: 'rosa.diaz@plant.test', displayName: 'Rosa Diaz', tier: 'pro', stripeSubscriptionId: sub.id, telegramId: null });

    const rosa = person('Rosa');
    const token = new URL(page.link).searchParams.get('start')!;
    await e.post(textUpdate(rosa, `/start ${token}`));
    await e.waitForText(rosa.id, /Linked\. Your Telegram is now connected to your Rivet account \(pro\)/);
    expect((await users().byTelegramId(rosa.id))?.id).toBe(user!.id);

    // The page now says the link is spent; a second person cannot use it.
    expect(await (await welcome(session.id)).text()).toContain('Already connected');
    const mallory = person('Mal');
    await e.post(textUpdate(mallory, `/start ${token}`));
    await e.waitForText(mallory.id, /already used/);

    // Her Atlas user: invited and signed up with her email, on the free Requester role.
    const atlasUser = await until(() => e.atlas.store.users.find((u) => u.email === 'rosa.diaz@plant.test'), 8_000, 'her Atlas user');
    expect(atlasUser.role.code).toBe('REQUESTER');
    expect(atlasUser).toMatchObject({ firstName: 'Rosa', lastName: 'Diaz', enabled: true });
    await until(async () => (await users().get(user!.id))?.atlasUserId === atlasUser.id, 8_000, 'atlas_user_id stored');

    // What she files names her in Atlas.
    await e.post(textUpdate(rosa, '/start a_1598'));
    await e.waitForText(rosa.id, /^Reporting on Pump P-501/);
    await e.post(textUpdate(rosa, 'leaking oil under the pump'));
    await e.waitForText(rosa.id, /New work order/);
    await e.tap(rosa, rosa.id, /Create/);
    await e.waitForText(rosa.id, /^Filed WO\d{6}/);
    const wo = [...e.atlas.state.workOrders.values()].find((w) => /leaking oil/i.test(w.title));
    expect(wo?.description).toContain(`Requested by Rosa Diaz (rosa.diaz@plant.test, Atlas user #${atlasUser.id}) via Rivet`);
  });

  it('a replayed checkout event is acknowledged and changes nothing', async () => {
    const { customer, session, event } = await checkout({ email: 'sam@plant.test' });
    await readyWelcome(session.id);
    const before = await userByCustomer(customer);
    const again = await stripe.deliver(e.rivet.url!, event);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ received: true, duplicate: true });
    // Stripe can also resend the same content under a new event id: still one person, same token.
    const resent = stripe.event('checkout.session.completed', stripe.sessionJson(session.id));
    expect((await stripe.deliver(e.rivet.url!, resent)).status).toBe(200);
    await until(async () => stripe.requests.filter((r) => r.path === `/v1/checkout/sessions/${session.id}`).length >= 2, 8_000, 'the resent event handled');
    const all = await e.tdb.database.db.execute(sql`select id from rivet_users where email = 'sam@plant.test'`);
    expect(all.rows).toHaveLength(1);
    expect((await userByCustomer(customer))?.id).toBe(before!.id);
    expect((await readyWelcome(session.id)).link).toBe((await readyWelcome(session.id)).link);
  });

  it('a checkout without an email is provisioned by its customer, and its link works', async () => {
    const { customer, session } = await checkout({ email: null, price: PRICES.starter });
    const page = await readyWelcome(session.id);
    const user = await userByCustomer(customer);
    expect(user).toMatchObject({ email: null, tier: 'starter' });
    const noa = person('Noa');
    await e.post(textUpdate(noa, `/start ${new URL(page.link).searchParams.get('start')}`));
    await e.waitForText(noa.id, /connected to your Rivet account \(starter\)/);
    // No email, no Atlas account to create.
    expect((await users().get(user!.id))?.atlasUserId).toBeNull();
  });
});

describeWith(['postgres', 'redis'], 'subscription changes', () => {
  it("follow Stripe's current state whatever order events arrive in, and tell the linked person", async () => {
    const { customer, session, sub } = await checkout({ email: 'oli@plant.test', price: PRICES.starter });
    const page = await readyWelcome(session.id);
    const oli = person('Oli');
    await e.post(textUpdate(oli, `/start ${new URL(page.link).searchParams.get('start')}`));
    await e.waitForText(oli.id, /\(starter\)/);

    // Upgraded, then cancelled; Stripe sends both, and the "updated" one arrives last.
    const listed = () => stripe.requests.filter((r) => r.path === '/v1/subscriptions' && r.status === 200).length;
    const listedBefore = listed();
    stripe.setPrices(sub.id, [PRICES.pro]);
    const updated = stripe.event('customer.subscription.updated', stripe.subscriptionJson(sub.id));
    stripe.setStatus(sub.id, 'canceled');
    const deleted = stripe.event('customer.subscription.deleted', stripe.subscriptionJson(sub.id));
    expect((await stripe.deliver(e.rivet.url!, deleted)).status).toBe(200);
    expect((await stripe.deliver(e.rivet.url!, updated)).status).toBe(200);
    await until(async () => (await userByCustomer(customer))?.tier === 'lapsed', 8_000, 'lapsed');
    await e.waitForText(oli.id, /subscription has ended/);
    // Both events done, and the late "updated" did not bring "pro" back.
    await until(() => listed() >= listedBefore + 2, 8_000, 'both events fetched');
    await until(async () => (await e.rivet.jobs.health()).queues?.provisioning?.active === 0, 8_000, 'no provisioning job running');
    expect((await userByCustomer(customer))?.tier).toBe('lapsed');

    // Resubscribed: a new subscription; an old event replayed now still reads the current state.
    const again = stripe.createSubscription({ customer, priceIds: [PRICES.pro] });
    expect((await stripe.deliver(e.rivet.url!, stripe.event('invoice.payment_failed', { id: 'in_old', object: 'invoice', customer }))).status).toBe(200);
    await until(async () => (await userByCustomer(customer))?.tier === 'pro', 8_000, 'pro again');
    expect((await userByCustomer(customer))?.stripeSubscriptionId).toBe(again.id);
    await e.waitForText(oli.id, /plan is now Pro/);

    // An unpaid subscription lapses too.
    stripe.setStatus(again.id, 'unpaid');
    await stripe.deliver(e.rivet.url!, stripe.event('customer.subscription.updated', stripe.subscriptionJson(again.id)));
    await until(async () => (await userByCustomer(customer))?.tier === 'lapsed', 8_000, 'lapsed when unpaid');
  });

  it('an unknown price keeps the current tier and is logged loudly', async () => {
    const { customer, session, sub } = await checkout({ email: 'uma@plant.test', price: PRICES.pro });
    await readyWelcome(session.id);
    stripe.setPrices(sub.id, ['price_nobody_configured']);
    const ev = stripe.event('customer.subscription.updated', stripe.subscriptionJson(sub.id));
    expect((await stripe.deliver(e.rivet.url!, ev)).status).toBe(200);
    const line = await until(() => e.logLines.find((l) => l.level === 50 && Array.isArray(l.unknownPrices) && (l.unknownPrices as string[]).includes('price_nobody_configured')), 8_000, 'the error log line');
    expect(String(line.msg)).toMatch(/STRIPE_PRICE_TIERS/);
    expect((await userByCustomer(customer))?.tier).toBe('pro');
  });

  it('a Stripe outage is retried: the event is kept and provisioning happens once Stripe is back', async () => {
    stripe.setDown(true);
    const { customer, session } = await checkout({ email: 'vic@plant.test' });
    await until(() => stripe.requests.filter((r) => r.status === 503 && r.path.includes(session.id)).length >= 2, 8_000, 'retries against the outage');
    expect(await userByCustomer(customer)).toBeNull();
    // Meanwhile the welcome page says to come back, not that something is wrong with the payment.
    const meanwhile = await welcome(session.id);
    expect(meanwhile.status).toBe(503);
    expect(await meanwhile.text()).toContain('try again in a minute');
    stripe.setDown(false);
    await readyWelcome(session.id);
    expect(await userByCustomer(customer)).toMatchObject({ tier: 'pro', email: 'vic@plant.test' });
  });
});

describeWith(['postgres', 'redis'], 'POST /webhooks/stripe refuses what Stripe did not sign', () => {
  it('bad, stale, future, missing or foreign signatures are 400 and store nothing', async () => {
    const customer = stripe.createCustomer({ email: 'eve@plant.test' });
    const session = stripe.createSession({ customer, email: 'eve@plant.test' });
    const event = stripe.event('checkout.session.completed', stripe.sessionJson(session.id));
    const body = JSON.stringify(event);
    const before = await stripeEvents();
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      stripe.deliver(e.rivet.url!, event, { secret: 'whsec_someone_else_entirely_000000' }),
      stripe.deliver(e.rivet.url!, event, { timestamp: now - 3_600 }),
      stripe.deliver(e.rivet.url!, event, { timestamp: now + 3_600 }),
      stripe.deliver(e.rivet.url!, event, { signature: null }),
      stripe.deliver(e.rivet.url!, event, { signature: stripe.sign(body), body: body.replace('eve@plant.test', 'eve@evil.test') }),
      stripe.deliver(e.rivet.url!, event, { signature: 't=abc,v1=zzz' }),
    ];
    const responses = await Promise.all(attempts);
    expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    const reasons = await Promise.all(responses.map(async (r) => ((await r.json()) as { error: { message: string } }).error.message));
    expect(reasons).toEqual([
      'Stripe webhook refused: bad_signature',
      'Stripe webhook refused: stale_timestamp',
      'Stripe webhook refused: stale_timestamp',
      'Stripe webhook refused: missing_signature',
      'Stripe webhook refused: bad_signature',
      'Stripe webhook refused: bad_signature',
    ]);
    expect(await stripeEvents()).toBe(before);
    expect(await e.tdb.repos.users.byStripeCustomer(customer)).toBeNull();
  });
});

describeWith(['postgres', 'redis'], 'the welcome page', () => {
  it('says so for an unknown, malformed or unpaid checkout, and "almost ready" before the webhook', async () => {
    const unknown = await welcome('cs_test_doesnotexist0000');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('can’t find this checkout');
    expect((await welcome('not-a-session')).status).toBe(404);
    const unpaid = stripe.createSession({ customer: stripe.createCustomer(), status: 'open', paymentStatus: 'unpaid' });
    const u = await welcome(unpaid.id);
    expect(u.status).toBe(402);
    expect(await u.text()).toContain('Payment not finished');
    const { session } = await checkout({ email: 'wes@plant.test', deliver: false });
    const early = await welcome(session.id);
    expect(early.status).toBe(202);
    const html = await early.text();
    expect(html).toContain('Almost ready');
    expect(html).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(early.headers.get('cache-control')).toBe('no-store');
  });
});

describeWith(['postgres', 'redis'], '/health', () => {
  it('checks Stripe: the key works and the configured prices exist', async () => {
    const h = (await (await fetch(`${e.rivet.url}/health`, DETAILED)).json()) as { checks: Record<string, { status: string; details?: { prices?: Record<string, string> } }> };
    expect(h.checks.stripe!.status).toBe('up');
    expect(h.checks.stripe!.details!.prices).toEqual({ [PRICES.starter]: 'active', [PRICES.pro]: 'active' });
  });
});
