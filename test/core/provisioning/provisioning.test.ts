/** core/provisioning over in-memory ports: who a checkout is, and what a replay changes. */
import { describe, expect, it } from 'vitest';
import { createProvisioning, type Account, type AccountStore, type NewAccount } from '../../../src/core/provisioning/index.js';
import { memoryLogger } from '../../helpers/logger.js';

const ORG = 'org-1';
function memoryAccounts(): AccountStore & { all: Account[] } {
  const all: Account[] = [];
  let n = 0;
  const find = (p: (a: Account) => boolean) => all.find(p) ?? null;
  const copy = (a: Account | null) => (a ? { ...a } : null);
  return {
    all,
    get: async (id) => copy(find((a) => a.id === id)),
    byStripeCustomer: async (c) => copy(find((a) => a.stripeCustomerId === c)),
    byEmail: async (o, e) => copy(find((a) => a.organizationId === o && a.email === e.toLowerCase())),
    byTelegramId: async (t) => copy(find((a) => a.telegramId === t)),
    async create(a: NewAccount, now) {
      const acc: Account = {
        id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, organizationId: a.organizationId, email: a.email, displayName: a.displayName, tier: a.tier,
        role: a.role ?? 'technician', crew: a.crew ?? null, disabledAt: null, telegramId: a.telegramId ?? null, telegramUsername: null, language: null,
        stripeCustomerId: a.stripeCustomerId ?? null, stripeSubscriptionId: null, atlasUserId: null, createdAt: now, updatedAt: now,
      };
      all.push(acc);
      return { ...acc };
    },
    async update(id, patch, now) {
      const a = find((x) => x.id === id);
      if (!a) return null;
      Object.assign(a, patch, { updatedAt: now });
      return { ...a };
    },
    async applyStripeDecision(id, patch, fetchedAt) {
      const a = find((x) => x.id === id) as (Account & { syncedAt?: Date }) | null;
      if (!a || (a.syncedAt && a.syncedAt >= fetchedAt)) return null;
      Object.assign(a, patch, { syncedAt: fetchedAt });
      return { ...a };
    },
    supervisors: async () => [],
  };
}

function setup() {
  const accounts = memoryAccounts();
  const tokens: { token: string; source: string }[] = [];
  const atlasJobs: string[] = [];
  const told: string[] = [];
  const p = createProvisioning({
    accounts,
    links: { issue: async (i) => (tokens.push({ token: i.token ?? `rand${tokens.length}`, source: i.source }), { token: i.token ?? `rand${tokens.length}`, expiresAt: new Date(0) }) },
    followUps: { createAtlasAccount: async (a) => void atlasJobs.push(a.id), tellPerson: async (_a, key, text) => void told.push(`${key}: ${text}`) },
    priceTiers: { price_p: 'pro', price_s: 'starter' },
    clock: { now: () => new Date('2026-12-01T00:00:00Z') },
    logger: memoryLogger('silent').logger,
  });
  return { p, accounts, tokens, atlasJobs, told };
}
const checkout = (o: Partial<{ clientReferenceId: string | null; customerId: string | null; email: string | null; name: string | null }> = {}) => ({
  sessionId: 'cs_1', paid: true, clientReferenceId: null, customerId: 'cus_1', email: 'ana@plant.test', name: 'Ana', ...o,
});
const active = [{ id: 'sub_1', status: 'active', priceIds: ['price_p'], created: 1 }];

describe('checkoutCompleted', () => {
  it('finds the person by reference, then customer, then email, and creates one only when none matches', async () => {
    const { p, accounts } = setup();
    const invited = await accounts.create({ organizationId: ORG, email: 'ana@plant.test', displayName: 'Ana L', tier: 'beta' }, new Date());
    const byEmail = await p.checkoutCompleted({ organizationId: ORG, checkout: checkout(), subscriptions: active, fetchedAt: new Date(1), linkToken: 'c1' });
    expect(byEmail).toMatchObject({ created: false, account: { id: invited.id, stripeCustomerId: 'cus_1', tier: 'pro', displayName: 'Ana L' } });
    const other = await accounts.create({ organizationId: ORG, email: 'bo@plant.test', displayName: null, tier: 'beta' }, new Date());
    const byReference = await p.checkoutCompleted({ organizationId: ORG, checkout: checkout({ clientReferenceId: other.id, customerId: 'cus_2', email: 'someone-else@plant.test' }), subscriptions: active, fetchedAt: new Date(2), linkToken: 'c2' });
    expect(byReference.account.id).toBe(other.id);
    const fresh = await p.checkoutCompleted({ organizationId: ORG, checkout: checkout({ customerId: 'cus_3', email: null, name: null }), subscriptions: [], fetchedAt: new Date(3), linkToken: 'c3' });
    expect(fresh).toMatchObject({ created: true, account: { email: null, stripeCustomerId: 'cus_3', tier: 'beta' } });
    expect(accounts.all).toHaveLength(3);
  });

  it('a replay (same checkout, same Stripe state) leaves one person, the same token, and no second message', async () => {
    const { p, accounts, tokens, atlasJobs, told } = setup();
    const first = await p.checkoutCompleted({ organizationId: ORG, checkout: checkout(), subscriptions: active, fetchedAt: new Date(1), linkToken: 'c1' });
    await accounts.update(first.account.id, { telegramId: 5 } as never, new Date());
    const again = await p.checkoutCompleted({ organizationId: ORG, checkout: checkout(), subscriptions: active, fetchedAt: new Date(2), linkToken: 'c1' });
    expect(again.account.id).toBe(first.account.id);
    expect(accounts.all).toHaveLength(1);
    expect(new Set(tokens.map((t) => `${t.token}@${t.source}`))).toEqual(new Set(['c1@checkout:cs_1']));
    expect(atlasJobs).toEqual([first.account.id, first.account.id]); // the job is keyed by person: queued once
    expect(told).toEqual([`tier/${first.account.id}/checkout/cs_1: Your Rivet plan is now Pro. Thanks!`]);
  });

  it('an older fetch never overwrites a newer decision', async () => {
    const { p } = setup();
    const { account } = await p.checkoutCompleted({ organizationId: ORG, checkout: checkout(), subscriptions: active, fetchedAt: new Date(10), linkToken: 'c1' });
    const late = await p.customerChanged({ customerId: 'cus_1', subscriptions: [{ ...active[0]!, status: 'canceled' }], fetchedAt: new Date(5), cause: 'evt_old' });
    expect(late?.account).toMatchObject({ id: account.id, tier: 'pro' });
    const fresh = await p.customerChanged({ customerId: 'cus_1', subscriptions: [{ ...active[0]!, status: 'canceled' }], fetchedAt: new Date(20), cause: 'evt_new' });
    expect(fresh?.account.tier).toBe('lapsed');
    expect(await p.customerChanged({ customerId: 'cus_unknown', subscriptions: active, fetchedAt: new Date(30), cause: 'evt' })).toBeNull();
  });
});
