import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import type { Organization } from '../../src/db/repositories/organizations.js';
import { describeWith } from '../helpers/services.js';

let t: TestDatabase;
let org: Organization;
beforeAll(async () => {
  t = await createTestDatabase();
  org = await t.repos.organizations.ensure({ slug: 'default', name: 'Norvik' });
});
afterAll(() => t?.drop());

describeWith('postgres', 'processed events', () => {
  it('let each delivery through once per source', async () => {
    expect(await t.repos.processedEvents.markFirst('stripe', 'evt_1', org.id)).toBe(true);
    expect(await t.repos.processedEvents.markFirst('stripe', 'evt_1', org.id)).toBe(false);
    expect(await t.repos.processedEvents.markFirst('atlas', 'evt_1', org.id)).toBe(true);
  });
  it('hold under concurrent duplicates: exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => t.repos.processedEvents.markFirst('telegram', '777')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describeWith('postgres', 'conversations', () => {
  it('keep one open per chat key until closed; closing is for the caller to decide, and happens once', async () => {
    const t0 = new Date('2026-01-01T08:00:00Z');
    const repo = t.repos.conversations;
    const first = await repo.open({ organizationId: org.id, channel: 'telegram', chatId: '100', userId: null, now: t0 });
    expect(first.created).toBe(true);
    expect(await repo.saveState(first.conversation.id, { step: 'confirm' }, first.conversation.stateVersion)).toBe(true);
    // Hours later it is still the open one: the repository does not apply the expiry rule.
    const again = await repo.open({ organizationId: org.id, channel: 'telegram', chatId: '100', userId: null, now: new Date(t0.getTime() + 5 * 3_600_000) });
    expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id, state: { step: 'confirm' }, lastActivityAt: t0 } });
    const touched = await repo.touch(first.conversation.id, { now: new Date(t0.getTime() + 60_000), userId: null });
    expect(touched?.lastActivityAt).toEqual(new Date(t0.getTime() + 60_000));
    expect(await Promise.all([repo.close(first.conversation.id, t0), repo.close(first.conversation.id, t0)])).toEqual(expect.arrayContaining([true, false]));
    const later = await repo.open({ organizationId: org.id, channel: 'telegram', chatId: '100', userId: null, now: new Date(t0.getTime() + 60 * 60_000) });
    expect(later.created).toBe(true);
    expect(later.conversation.id).not.toBe(first.conversation.id);
    expect(later.conversation.state).toBeNull();
    expect((await repo.get(first.conversation.id))?.state).toEqual({ step: 'confirm' });
  });
  it('refuse a state write based on a stale version (a concurrent double tap)', async () => {
    const { conversation } = await t.repos.conversations.open({ organizationId: org.id, channel: 'telegram', chatId: '200', userId: null, now: new Date() });
    const v = conversation.stateVersion;
    const [a, b] = await Promise.all([
      t.repos.conversations.saveState(conversation.id, { n: 1 }, v),
      t.repos.conversations.saveState(conversation.id, { n: 2 }, v),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });
});

describeWith('postgres', 'link tokens', () => {
  it('connect once, then say used; expired tokens say expired', async () => {
    const user = await t.repos.users.create({ organizationId: org.id, email: 'paid@x.io', stripeCustomerId: 'cus_1', tier: 'pro' });
    const now = new Date('2026-02-01T00:00:00Z');
    const { token } = await t.repos.linkTokens.issue({ organizationId: org.id, userId: user.id, now });
    expect(token.length).toBeLessThanOrEqual(64);
    expect(await t.repos.linkTokens.redeem(token, 55, now, org.id)).toEqual({ ok: true, userId: user.id, organizationId: org.id });
    expect(await t.repos.linkTokens.redeem(token, 55, now, org.id)).toEqual({ ok: false, reason: 'used' });
    const { token: old } = await t.repos.linkTokens.issue({ organizationId: org.id, userId: user.id, now });
    expect(await t.repos.linkTokens.redeem(old, 56, new Date(now.getTime() + 8 * 86_400_000), org.id)).toEqual({ ok: false, reason: 'expired' });
    expect(await t.repos.linkTokens.redeem('lnope', 57, now, org.id)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describeWith('postgres', 'messages', () => {
  it('store oversized text cut rather than refusing it', async () => {
    const stored = await t.repos.messages.record({ organizationId: org.id, channel: 'telegram', direction: 'in', senderType: 'technician', kind: 'request', text: 'x'.repeat(50_000) });
    expect(stored.text.length).toBeLessThan(17_000);
    expect(stored.text.endsWith('[…cut]')).toBe(true);
  });
});
