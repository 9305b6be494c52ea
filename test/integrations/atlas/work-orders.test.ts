import { afterEach, describe, expect, it } from 'vitest';
import {
  AtlasApiError, AtlasLicenseError, AtlasNetworkError, createAtlasWorkOrderReader, criteria, toWorkOrderSummary, WORK_ORDER_MARKER_PREFIX,
} from '../../../src/integrations/atlas/index.js';
import type { FakeAtlas } from '../../fakes/atlas/index.js';
import { clientFor, countRequests, fakeWithCorpus, manualClock } from './helpers.js';

let fake: FakeAtlas | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const pump = { title: 'Pump P-301 leaking oil', description: 'Reported by Ana via chat', priority: 'HIGH' as const, assetId: 1740, locationId: 112 };

describe('work orders (contract §3)', () => {
  it('§3.3 creates a work order with the marker in its description; §3.4 parses the DTO', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const wo = await client.createWorkOrder(pump, { idempotencyKey: 'tg:msg:1' });
    expect(wo).toMatchObject({ customId: 'WO000001', title: pump.title, priority: 'HIGH', status: 'OPEN' });
    expect(wo.asset).toMatchObject({ id: 1740, name: 'Centrifugal Pump P-301' });
    expect(wo.location?.id).toBe(112);
    expect(wo.createdAt).toBeInstanceOf(Date);
    expect(wo.description).toContain(`${WORK_ORDER_MARKER_PREFIX}tg:msg:1`);
    const summary = toWorkOrderSummary(wo);
    expect(summary.description).toBe('Reported by Ana via chat');
    expect(summary.asset).toEqual({ id: 1740, name: 'Centrifugal Pump P-301' });
  });

  it('§3.4 the reader reports who is on a work order: creator, primary user, assignees and the team’s members', async () => {
    fake = await fakeWithCorpus({ users: [{ email: 'bot@rivet.test', password: 'correct-horse-battery-9' }, { email: 'ana@x.io', password: 'p4ssword-long-enough', role: 'TECHNICIAN' }, { email: 'bo@x.io', password: 'p4ssword-long-enough', role: 'TECHNICIAN' }, { email: 'cy@x.io', password: 'p4ssword-long-enough', role: 'TECHNICIAN' }] });
    fake.store.teams.push({ id: 7, name: 'Boiler crew', userIds: [3, 4] });
    const client = clientFor(fake);
    const created = await client.createWorkOrder({ ...pump, primaryUserId: 2, assignedToIds: [2, 3], teamId: 7 }, { idempotencyKey: 'tg:cb:team' });
    const wo = await createAtlasWorkOrderReader(client).getByNumber(Number(created.customId.slice(2)));
    expect(wo?.people).toEqual({ createdBy: 1, primaryUserId: 2, assignedToIds: [2, 3], teamUserIds: [3, 4] });
    expect(toWorkOrderSummary({ ...created, team: null, primaryUser: null, assignedTo: [], createdBy: null }).people).toEqual({ createdBy: null, primaryUserId: null, assignedToIds: [], teamUserIds: [] });
  });

  it('§3.3 the same idempotency key never files twice', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const a = await client.createWorkOrder(pump, { idempotencyKey: 'tg:cb:42' });
    const b = await client.createWorkOrder(pump, { idempotencyKey: 'tg:cb:42' });
    const c = await client.createWorkOrder(pump, { idempotencyKey: 'tg:cb:43' });
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(fake.state.workOrders.size).toBe(2);
    expect((await client.findWorkOrderByMarker('tg:cb:42'))?.id).toBe(a.id);
    expect(await client.findWorkOrderByMarker('tg:cb:4')).toBeNull(); // a prefix is not a match
  });

  it('§3.3 connection dropped after Atlas created the work order: exactly one exists and the client returns it', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    fake.faults.dropNext(1, { method: 'POST', path: '/work-orders' }); // Atlas creates it; the answer is lost
    const wo = await client.createWorkOrder(pump, { idempotencyKey: 'tg:drop:1' });
    expect(fake.state.workOrders.size).toBe(1);
    expect(wo.id).toBe([...fake.state.workOrders.keys()][0]);
    expect(fake.state.requests.some((r) => r.method === 'POST' && r.path === '/work-orders' && r.status === 0)).toBe(true);
    expect(countRequests(fake, 'POST', '/work-orders')).toBe(1); // found by its marker, never posted again
  });

  it('§3.3 a timeout while Atlas is slow: the client asks before trying again, and one work order exists', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake, { timeoutMs: 200 });
    // Atlas finishes at ~220 ms, after the client gave up at 200 ms; the client asks again only at ≥ 400 ms
    fake.faults.delayNext(1, 220, { method: 'POST', path: '/work-orders' });
    const wo = await client.createWorkOrder(pump, { idempotencyKey: 'tg:slow:1' });
    expect(fake.state.workOrders.size).toBe(1);
    expect(wo.id).toBe([...fake.state.workOrders.keys()][0]);
    expect(countRequests(fake, 'POST', '/work-orders')).toBe(1);
  });

  it('§3.3 a timeout where Atlas never got the work order: the client tries again and files it once', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake, { timeoutMs: 200 });
    fake.faults.delayNext(1, 220, { method: 'POST', path: '/work-orders' });
    fake.faults.failNext(1, 503, { method: 'POST', path: '/work-orders' }); // the slow one is refused after its delay
    const wo = await client.createWorkOrder(pump, { idempotencyKey: 'tg:slow:2' });
    expect(fake.state.workOrders.size).toBe(1);
    expect(wo.customId).toBe('WO000001');
    expect(countRequests(fake, 'POST', '/work-orders')).toBe(2);
  });

  it('§3.3 when Atlas cannot be asked after an ambiguous failure, the client does not post again; a later call finds it', async () => {
    fake = await fakeWithCorpus();
    let posted = false;
    let searchDown = true;
    const wrapped: typeof fetch = async (input, init) => {
      const url = String(input);
      if (posted && searchDown && url.endsWith('/work-orders/search')) return new Response('', { status: 503 });
      if (url.endsWith('/work-orders') && init?.method === 'POST') posted = true;
      return fetch(input, init);
    };
    const client = clientFor(fake, { fetch: wrapped });
    fake.faults.dropNext(1, { method: 'POST', path: '/work-orders' });
    const err = await client.createWorkOrder(pump, { idempotencyKey: 'tg:blind:1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasNetworkError);
    expect(countRequests(fake, 'POST', '/work-orders')).toBe(1);
    searchDown = false; // the job runs again later
    const wo = await client.createWorkOrder(pump, { idempotencyKey: 'tg:blind:1' });
    expect(fake.state.workOrders.size).toBe(1);
    expect(wo.id).toBe([...fake.state.workOrders.keys()][0]);
  });

  it('§1.5 a 503/429 burst during create is retried with backoff and files exactly once', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    await client.me();
    fake.faults.failNext(1, 429);
    const wo = await client.createWorkOrder(pump, { idempotencyKey: 'tg:busy:1' });
    expect(fake.state.workOrders.size).toBe(1);
    expect(wo.customId).toBe('WO000001');
  });

  it('§0 the free limit of 30 open work orders becomes AtlasLicenseError(open_work_orders)', async () => {
    fake = await fakeWithCorpus({ openWorkOrderCap: 3 });
    const client = clientFor(fake);
    for (let i = 0; i < 3; i++) await client.createWorkOrder({ title: `wo ${i}` }, { idempotencyKey: `cap:${i}` });
    const err = await client.createWorkOrder({ title: 'one too many' }, { idempotencyKey: 'cap:3' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasLicenseError);
    expect((err as AtlasLicenseError).kind).toBe('open_work_orders');
    expect((err as AtlasLicenseError).status).toBe(403);
    expect((err as AtlasLicenseError).retryable).toBe(false);
  });

  it('§1.2 HTML is stripped by Atlas and entities unescaped for display', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const wo = await client.createWorkOrder({ title: '<b>Leak</b> & drip <script>x()</script>', description: 'oil < 5 l' }, { idempotencyKey: 'html:1' });
    expect(fake.state.workOrders.get(wo.id)?.title).toBe('Leak &amp; drip');
    expect(wo.title).toBe('Leak & drip');
    expect(toWorkOrderSummary(wo).description).toBe('oil < 5 l');
  });

  it('§3.5 update is read-modify-write: PATCH carries every field, so nothing is cleared', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const created = await client.createWorkOrder({ ...pump, title: 'Pump & motor', assignedToIds: [1], categoryId: 1, estimatedDuration: 2 }, { idempotencyKey: 'upd:1' });
    const updated = await client.updateWorkOrder(created.id, (wo) => ({ ...wo, priority: 'LOW' }));
    expect(updated).toMatchObject({ priority: 'LOW', title: 'Pump & motor', estimatedDuration: 2 });
    expect(updated.asset?.id).toBe(1740);
    expect(updated.location?.id).toBe(112);
    expect(updated.category?.id).toBe(1);
    expect(updated.assignedTo.map((u) => u.id)).toEqual([1]);
    expect(updated.description).toBe(created.description); // marker preserved
    expect(fake.state.workOrders.get(created.id)?.title).toBe('Pump &amp; motor'); // not double-escaped
  });

  it('§3.5 change-status sets COMPLETE with completedOn; a missing id (500 "No value present") is reported as 404', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const wo = await client.createWorkOrder(pump, { idempotencyKey: 'st:1' });
    const done = await client.changeStatus(wo.id, 'COMPLETE', 'Replaced the gasket');
    expect(done.status).toBe('COMPLETE');
    expect(done.completedOn).toBeInstanceOf(Date);
    expect(done.feedback).toBe('Replaced the gasket');
    const err = await client.changeStatus(999_999, 'IN_PROGRESS').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect((err as AtlasApiError).status).toBe(404);
    expect(countRequests(fake, 'PATCH', '/work-orders/999999/change-status')).toBe(1); // a 500 is never retried
  });

  it('§3.5 get of an unknown id is AtlasApiError 404 with Atlas\'s message', async () => {
    fake = await fakeWithCorpus();
    const err = await clientFor(fake).getWorkOrder(12345).catch((e: unknown) => e as AtlasApiError);
    expect(err).toBeInstanceOf(AtlasApiError);
    expect(err).toMatchObject({ status: 404, atlasMessage: 'Work Order not found', method: 'GET', path: '/work-orders/12345' });
  });

  it('§8.1 enum `in` with enumName, id `in`, paging and sort (§8.3 page shape)', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    for (let i = 0; i < 7; i++) await client.createWorkOrder({ title: `wo ${i}`, assetId: i % 2 ? 1740 : 1003, priority: i % 2 ? 'HIGH' : 'LOW' }, { idempotencyKey: `s:${i}` });
    const firstId = [...fake.state.workOrders.keys()][1]!;
    await client.changeStatus(firstId, 'COMPLETE');
    const page = await client.searchWorkOrders(criteria().statusIn(['OPEN', 'IN_PROGRESS', 'ON_HOLD']).idIn('asset', [1740]).sortBy('id', 'DESC').paging(0, 2).build());
    expect(page.totalElements).toBe(2); // 3 on the asset, one completed
    expect(page.content.map((w) => w.id)).toEqual([...page.content.map((w) => w.id)].sort((a, b) => b - a));
    const p1 = await client.searchWorkOrders(criteria().priorityIn(['LOW']).sortBy('id', 'ASC').paging(1, 3).build());
    expect(p1).toMatchObject({ totalElements: 4, totalPages: 2, number: 1, size: 3, last: true });
    expect(p1.content).toHaveLength(1);
  });

  it('§8.1 date filters use JS_DATE with toISOString(): workOrdersUpdatedSince for polling', async () => {
    const clock = manualClock();
    fake = await fakeWithCorpus({ clock });
    const client = clientFor(fake, { clock });
    const a = await client.createWorkOrder({ title: 'old' }, { idempotencyKey: 'd:1' });
    clock.advance(60_000);
    const since = clock.now();
    clock.advance(60_000);
    await client.createWorkOrder({ title: 'new' }, { idempotencyKey: 'd:2' });
    await fake.setStatusExternally(a.id, 'IN_PROGRESS');
    const page = await client.workOrdersUpdatedSince(since);
    expect(page.content.map((w) => w.title).sort()).toEqual(['new', 'old']);
    expect(page.content.find((w) => w.title === 'old')?.status).toBe('IN_PROGRESS');
    const none = await client.workOrdersUpdatedSince(new Date(clock.now().getTime() + 1));
    expect(none.totalElements).toBe(0);
  });

  it('§10 customId lookup and the core WorkOrderReader (getByNumber, openForAsset, byIds)', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const reader = createAtlasWorkOrderReader(client);
    const w1 = await client.createWorkOrder({ title: 'one', assetId: 1740 }, { idempotencyKey: 'r:1' });
    const w2 = await client.createWorkOrder({ title: 'two', assetId: 1740 }, { idempotencyKey: 'r:2' });
    const w3 = await client.createWorkOrder({ title: 'three', assetId: 1003 }, { idempotencyKey: 'r:3' });
    await client.changeStatus(w2.id, 'COMPLETE');
    expect((await client.getWorkOrderByCustomId('WO000002'))?.id).toBe(w2.id);
    expect(await client.getWorkOrderByCustomId('WO000099')).toBeNull();
    expect((await reader.getByNumber(3))?.title).toBe('three');
    expect(await reader.getByNumber(42)).toBeNull();
    expect((await reader.openForAsset(1740)).map((s) => s.id)).toEqual([w1.id]);
    expect((await reader.byIds([w1.id, w3.id])).map((s) => s.title).sort()).toEqual(['one', 'three']);
    expect(await reader.byIds([])).toEqual([]);
  });

  it('§8.1 the requester\'s work orders: by ids, by marker prefix or by Atlas user (OR via alternatives)', async () => {
    fake = await fakeWithCorpus();
    const client = clientFor(fake);
    const a = await client.createWorkOrder({ title: 'a' }, { idempotencyKey: 'tg:user:7:1' });
    await client.createWorkOrder({ title: 'b' }, { idempotencyKey: 'tg:user:8:1' });
    const c = await client.createWorkOrder({ title: 'c' }, { idempotencyKey: 'tg:user:7:2' });
    const byMarker = await client.workOrdersOfRequester({ markerPrefix: 'tg:user:7:' });
    expect(byMarker.content.map((w) => w.id).sort()).toEqual([a.id, c.id].sort());
    const byIds = await client.workOrdersOfRequester({ ids: [a.id] });
    expect(byIds.content.map((w) => w.title)).toEqual(['a']);
    const byUser = await client.workOrdersOfRequester({ atlasUserId: 1 });
    expect(byUser.totalElements).toBe(3);
  });
});
