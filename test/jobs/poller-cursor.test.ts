/**
 * The status poll's cursor when more work orders share one `updatedAt` than fit in a page (a bulk
 * change in Atlas): the poll must get past them to the changes behind, not stall on them forever.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, startHarness, waitFor, type Harness } from './helpers.js';
import { describeWith } from '../helpers/services.js';

let h: Harness;
let jobs: JobSystem;
let chat: RecordingTransport;
// Atlas's clock stands still while the crowd is created, so they all share one updatedAt.
let atlasNow = new Date(Math.floor(Date.now() / 1000) * 1000);

beforeAll(async () => {
  h = await startHarness({ atlas: { clock: { now: () => atlasNow } } });
  chat = new RecordingTransport();
  // The poll looks back a minute from Rivet's clock on its first run.
  jobs = h.system({ transports: { telegram: chat }, clock: { now: () => new Date(atlasNow.getTime() + 1_000) } });
  await jobs.startWorkers();
});
afterAll(() => h?.close());

describeWith(['postgres', 'redis'], 'Atlas status poll with a crowd at one instant', () => {
  it('130 work orders updated at the same millisecond: a later status change still reaches the requester', async () => {
    for (let i = 0; i < 130; i++) await h.atlas.createWorkOrder({ title: `bulk ${i}` }, { idempotencyKey: `bulk-${i}` });
    const watched = await h.atlas.createWorkOrder({ title: 'Pump P-301 leaking' }, { idempotencyKey: 'watched' });
    await h.tdb.repos.workOrderLinks.record({
      organizationId: h.organizationId, atlasWorkOrderId: watched.id, atlasCustomId: watched.customId, requesterId: h.userId,
      title: watched.title, lastKnownStatus: 'OPEN', lastStatusAt: watched.updatedAt, notifyChannel: 'telegram', notifyChatId: '1401',
    });
    expect(await jobs.pollAtlas()).toBe(0);

    atlasNow = new Date(atlasNow.getTime() + 1_000);
    await h.atlasFake.setStatusExternally(watched.id, 'IN_PROGRESS');
    // A fixed number of polls, run here: the old cursor saw the same 100 work orders every time.
    let found = 0;
    for (let i = 0; i < 3 && found === 0; i++) found += (await jobs.pollAtlas()) ?? 0;
    expect(found).toBe(1);
    expect(await waitFor('notice', () => chat.texts('1401')[0])).toBe(`${watched.customId} is now IN_PROGRESS`);
    // Seen once: later polls stay quiet.
    expect(await jobs.pollAtlas()).toBe(0);
  });
});
