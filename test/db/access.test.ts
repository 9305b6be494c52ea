import { afterAll, beforeAll, expect, it } from 'vitest';
import { LinkRefusedError, type PlatformIdentity } from '../../src/core/conversation/index.js';
import type { Organization } from '../../src/db/repositories/organizations.js';
import { createAccessRecords, createChatStores, createNoticeLog, createRateLimiter, type ChatStores } from '../../src/db/stores/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { describeWith } from '../helpers/services.js';

let t: TestDatabase;
let org: Organization;
let other: Organization;
let s: ChatStores;
beforeAll(async () => {
  t = await createTestDatabase();
  org = await t.repos.organizations.ensure({ slug: 'default', name: 'Norvik' });
  other = await t.repos.organizations.ensure({ slug: 'other', name: 'Elsewhere' });
  s = createChatStores(t.database.db);
});
afterAll(() => t?.drop());

const tg = (id: number, displayName: string, username: string | null = null): PlatformIdentity => ({ channel: 'telegram', externalId: String(id), username, displayName, language: 'en' });

describeWith('postgres', 'access records', () => {
  it('give a work order’s Rivet requester and the crews of its requester and assigned people, per organization', async () => {
    const kim = await t.repos.users.create({ organizationId: org.id, displayName: 'Kim', crew: 'Boiler crew' });
    const ola = await t.repos.users.create({ organizationId: org.id, displayName: 'Ola', crew: 'Paint shop', atlasUserId: 77 });
    await t.repos.users.create({ organizationId: other.id, displayName: 'Far', crew: 'Elsewhere crew', atlasUserId: 88 });
    await t.repos.workOrderLinks.record({ organizationId: org.id, atlasWorkOrderId: 501, requesterId: kim.id, idempotencyKey: 'wo:a' });
    const facts = await createAccessRecords(t.database.db).factsOf(org.id, [
      { id: 501, atlasUserIds: [1] },
      { id: 502, atlasUserIds: [77, 88] },
      { id: 503, atlasUserIds: [5] },
    ]);
    expect(facts.get(501)).toEqual({ requesterId: kim.id, crews: ['Boiler crew'] });
    expect(facts.get(502)).toEqual({ requesterId: null, crews: ['Paint shop'] });
    expect(facts.has(503)).toBe(false);
    expect(ola.atlasUserId).toBe(77);
  });
});

describeWith('postgres', 'the lookup allowance on PostgreSQL', () => {
  it('lets `limit` through at once, then one per interval; concurrent takes never overshoot', async () => {
    const limiter = createRateLimiter(t.database.db);
    const rule = { limit: 3, perMs: 3_000 };
    const t0 = new Date('2026-05-01T10:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.take('k1', rule, t0));
    expect(results.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(results[3]).toEqual({ allowed: false, retryAfterMs: 1_000 });
    expect(await limiter.take('k1', rule, at(999))).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(await limiter.take('k1', rule, at(1_000))).toEqual({ allowed: true });
    expect(await limiter.take('k2', rule, t0)).toEqual({ allowed: true });

    const burst = await Promise.all(Array.from({ length: 12 }, () => limiter.take('k3', { limit: 5, perMs: 60_000 }, t0)));
    expect(burst.filter((r) => r.allowed)).toHaveLength(5);
  });
});

describeWith('postgres', 'notices said once', () => {
  it('say true the first time a key is given, false after', async () => {
    const notices = createNoticeLog(t.database.db, org.id);
    expect(await notices.first('refused/stranger/telegram:1', new Date())).toBe(true);
    expect(await notices.first('refused/stranger/telegram:1', new Date())).toBe(false);
    expect(await notices.first('refused/stranger/telegram:2', new Date())).toBe(true);
  });
});

describeWith('postgres', 'people and links', () => {
  it('find nobody for an unknown account, and create nobody doing so', async () => {
    expect(await s.people.find(org.id, tg(8101, 'Zed'))).toBeNull();
    expect(await t.repos.users.byTelegramId(8101)).toBeNull();
  });

  it('never move an account that belongs to a provisioned person; nothing changes', async () => {
    const boss = await t.repos.users.create({ organizationId: org.id, email: 'sue@plant.test', displayName: 'Sue Visor', role: 'supervisor', telegramId: 8102 });
    await t.repos.workOrderLinks.record({ organizationId: org.id, atlasWorkOrderId: 601, requesterId: boss.id, idempotencyKey: 'wo:boss' });
    const hire = await t.repos.users.create({ organizationId: org.id, email: 'nat@plant.test', displayName: 'Nat New' });
    await expect(s.people.link(hire.id, tg(8102, 'Sue'), new Date())).rejects.toBeInstanceOf(LinkRefusedError);
    expect((await t.repos.users.byTelegramId(8102))?.id).toBe(boss.id);
    expect((await t.repos.workOrderLinks.byAtlasId(org.id, 601))?.requesterId).toBe(boss.id);
    const found = await s.people.find(org.id, tg(8102, 'Plant_Manager', 'sue_v'));
    expect(found).toMatchObject({ id: boss.id, role: 'supervisor', selfSignedUp: false, attribution: 'Sue Visor <sue@plant.test>', name: 'Sue Visor' });
  });

  it('name a self-signed-up person to others by account id and username, never by the name they chose', async () => {
    const p = await s.people.identify(org.id, tg(8103, 'Plant_Manager', 'ana_t'));
    expect(p).toMatchObject({ name: 'Plant_Manager', selfSignedUp: true, attribution: 'Telegram user 8103 @ana_t', role: 'technician', crew: null, disabled: false });
  });

  it('spend only this organization’s tokens', async () => {
    const paid = await t.repos.users.create({ organizationId: other.id, email: 'x@y.z', tier: 'pro' });
    const { token } = await t.repos.linkTokens.issue({ organizationId: other.id, userId: paid.id, now: new Date() });
    expect(await s.linkTokens.peek(token, org.id, new Date())).toEqual({ ok: false, reason: 'unknown' });
    expect(await s.linkTokens.redeem(token, tg(8104, 'Eve'), new Date(), org.id)).toEqual({ ok: false, reason: 'unknown' });
    expect(await s.linkTokens.redeem(token, tg(8104, 'Eve'), new Date(), other.id)).toEqual({ ok: true, personId: paid.id });
  });

  it('count a person’s filings this month, not the work orders Rivet only remembered for them', async () => {
    const p = await s.people.identify(org.id, tg(8105, 'Bea'));
    await t.repos.workOrderLinks.record({ organizationId: org.id, atlasWorkOrderId: 701, requesterId: p.id, idempotencyKey: 'wo:1' });
    await t.repos.workOrderLinks.record({ organizationId: org.id, atlasWorkOrderId: 702, requesterId: p.id, idempotencyKey: 'wo:2' });
    await t.repos.workOrderLinks.record({ organizationId: org.id, atlasWorkOrderId: 703, requesterId: p.id });
    const since = new Date(Date.now() - 60_000);
    expect(await s.filed.countSince(p.id, since)).toBe(2);
    expect(await s.filed.countSince(p.id, new Date(Date.now() + 60_000))).toBe(0);
  });
});
