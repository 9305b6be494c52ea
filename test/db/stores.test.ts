import { afterAll, beforeAll, expect, it } from 'vitest';
import { convTag, type PlatformIdentity } from '../../src/core/conversation/index.js';
import type { Organization } from '../../src/db/repositories/organizations.js';
import { createChatStores, UnsupportedIdentityError, type ChatStores } from '../../src/db/stores/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { describeWith } from '../helpers/services.js';

let t: TestDatabase;
let org: Organization;
let s: ChatStores;
beforeAll(async () => {
  t = await createTestDatabase();
  org = await t.repos.organizations.ensure({ slug: 'default', name: 'Norvik' });
  s = createChatStores(t.database.db);
});
afterAll(() => t?.drop());

const tg = (id: number, displayName: string): PlatformIdentity => ({ channel: 'telegram', externalId: String(id), username: `u${id}`, displayName, language: 'pt' });

describeWith('postgres', 'people', () => {
  it('are found by their Telegram identity, created as beta the first time', async () => {
    const first = await s.people.identify(org.id, tg(5001, 'Ana Tech'));
    expect(first).toMatchObject({ organizationId: org.id, name: 'Ana Tech', tier: 'beta', language: 'pt', homeLocationId: null });
    expect((await s.people.identify(org.id, tg(5001, 'Ana T.'))).id).toBe(first.id);
    await expect(s.people.identify(org.id, { ...tg(5001, 'Ana'), channel: 'whatsapp' as never })).rejects.toBeInstanceOf(UnsupportedIdentityError);
  });

  it('are found by their Slack identity (the identities table), created once even when two first messages race', async () => {
    const sam = { channel: 'slack' as const, externalId: 'U0SAM42', username: 'sam', displayName: 'Sam Ortiz', language: 'en-US' };
    const [a, b] = await Promise.all([s.people.identify(org.id, sam), s.people.identify(org.id, sam)]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ name: 'Sam Ortiz', tier: 'beta', language: 'en-US' });
    // The same number on Telegram is somebody else.
    expect((await s.people.identify(org.id, tg(42, 'Sam T'))).id).not.toBe(a.id);
    const rows = await t.database.db.execute(`select count(*)::int as n from rivet_users where display_name = 'Sam Ortiz'` as never);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);

    const paid = await t.repos.users.create({ organizationId: org.id, email: 'sam@x.io', tier: 'starter' });
    const linked = await s.people.link(paid.id, sam, new Date());
    expect(linked).toMatchObject({ id: paid.id, name: 'Sam Ortiz', tier: 'starter' });
    expect((await s.people.identify(org.id, sam)).id).toBe(paid.id);
  });

  it('keep their history when a link token moves their chat account to a provisioned person, once', async () => {
    const beta = await s.people.identify(org.id, tg(5002, 'Fay Tech'));
    const conv = await s.conversations.open({ organizationId: org.id, channel: 'telegram', key: '5002', userId: beta.id, now: new Date() });
    const paid = await t.repos.users.create({ organizationId: org.id, email: 'fay@x.io', tier: 'pro' });
    const { token } = await t.repos.linkTokens.issue({ organizationId: org.id, userId: paid.id, now: new Date() });
    expect(await s.linkTokens.peek(token, org.id, new Date())).toEqual({ ok: true, personId: paid.id });
    expect(await s.linkTokens.redeem(token, tg(5002, 'Fay Tech'), new Date(), org.id)).toEqual({ ok: true, personId: paid.id });
    expect(await s.linkTokens.redeem(token, tg(5003, 'Gus'), new Date(), org.id)).toEqual({ ok: false, reason: 'used' });
    const linked = await s.people.link(paid.id, tg(5002, 'Fay Tech'), new Date());
    // Greeted by the chat's name, but attributed by the provisioned record (the chat's name is not stored on it).
    expect(linked).toMatchObject({ id: paid.id, name: 'Fay Tech', tier: 'pro', selfSignedUp: false, attribution: 'fay@x.io' });
    expect((await t.repos.users.get(paid.id))?.displayName).toBeNull();
    expect((await s.people.identify(org.id, tg(5002, 'Fay Tech'))).id).toBe(paid.id);
    expect((await s.conversations.get(conv.conversation.id))?.userId).toBe(paid.id);
  });
});

describeWith('postgres', 'conversations', () => {
  it('open, touch, close once and save with the version check; the expiry rule is not theirs', async () => {
    const t0 = new Date('2026-04-01T08:00:00Z');
    const a = await s.conversations.open({ organizationId: org.id, channel: 'telegram', key: '6001', userId: null, now: t0 });
    expect(a).toMatchObject({ created: true, conversation: { key: '6001', version: 0, state: null, lastActivityAt: t0, createdAt: t0 } });
    const person = await s.people.identify(org.id, tg(6001, 'Bo'));
    const later = new Date(t0.getTime() + 3 * 3_600_000);
    expect(await s.conversations.touch(a.conversation.id, { now: later, userId: person.id })).toMatchObject({ userId: person.id, lastActivityAt: later });
    expect(await s.conversations.saveState(a.conversation.id, { kind: 'x' }, 0)).toBe(true);
    expect(await s.conversations.saveState(a.conversation.id, { kind: 'y' }, 0)).toBe(false);
    expect(await s.conversations.get(a.conversation.id)).toMatchObject({ state: { kind: 'x' }, version: 1 });
    expect(await s.conversations.close(a.conversation.id, later)).toBe(true);
    expect(await s.conversations.close(a.conversation.id, later)).toBe(false);
    const b = await s.conversations.open({ organizationId: org.id, channel: 'telegram', key: '6001', userId: null, now: later });
    expect(b.created).toBe(true);
  });

  it('find whose live buttons were tapped in a group, by the conversation tag, among that chat’s members only', async () => {
    const state = { kind: 'confirm_create', ownerId: 'someone', ownerName: 'Kim' };
    const kim = await s.conversations.open({ organizationId: org.id, channel: 'telegram', key: '-700:1', userId: null, now: new Date() });
    await s.conversations.saveState(kim.conversation.id, state, 0);
    const tag = convTag(kim.conversation.id);
    expect(await s.conversations.stateOfButton('telegram', '-700', tag)).toEqual(state);
    expect(await s.conversations.stateOfButton('telegram', '-70', tag)).toBeNull();
    expect(await s.conversations.stateOfButton('slack', '-700', tag)).toBeNull();
    expect(await s.conversations.stateOfButton('telegram', '-700', 'nothex!!')).toBeNull();
  });
});

describeWith('postgres', 'records', () => {
  it('write an inbound message once per event key, and a kept file with its owner', async () => {
    const person = await s.people.identify(org.id, tg(7001, 'Cy'));
    const { conversation } = await s.conversations.open({ organizationId: org.id, channel: 'telegram', key: '7001', userId: person.id, now: new Date() });
    const record = { organizationId: org.id, conversationId: conversation.id, channel: 'telegram' as const, senderId: person.id, chatId: '7001', platformMessageId: '9', text: 'pump down', meta: { updateId: 1 } };
    expect(await Promise.all([s.messages.recordInbound('tg:u:1', record), s.messages.recordInbound('tg:u:1', record)])).toEqual(expect.arrayContaining([true, false]));
    expect(await t.repos.messages.forConversation(conversation.id)).toEqual([expect.objectContaining({ direction: 'in', senderUserId: person.id, text: 'pump down', payload: { updateId: 1 } })]);
    await s.files.record({ organizationId: org.id, ownerId: person.id, path: 'files/2026-04/a.jpg', platformFileId: 'f', sizeBytes: 3, fileName: 'photo.jpg', mimeType: 'image/jpeg' });
    const rows = await t.database.db.query.storedFiles.findMany();
    expect(rows).toEqual([expect.objectContaining({ userId: person.id, path: 'files/2026-04/a.jpg', fileName: 'photo.jpg' })]);
    await t.repos.workOrderLinks.record({ organizationId: org.id, atlasWorkOrderId: 77, requesterId: person.id, assetId: 3 });
    expect(await s.filed.filedBy(person.id, 5)).toEqual([{ workOrderId: 77, assetId: 3 }]);
  });
});
