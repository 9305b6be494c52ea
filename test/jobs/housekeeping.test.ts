import { afterAll, beforeAll, expect, it } from 'vitest';
import { processedEvents } from '../../src/db/schema.js';
import { startHarness, type Harness } from './helpers.js';
import { describeWith } from '../helpers/services.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describeWith(['postgres', 'redis'], 'housekeeping', () => {
  it('forgets delivery ids after 30 days, so the dedup table does not grow forever, and keeps recent ones', async () => {
    const db = h.tdb.database.db;
    const day = 86_400_000;
    await db.insert(processedEvents).values([
      { source: 'telegram', externalId: 'old-1', receivedAt: new Date(Date.now() - 40 * day) },
      { source: 'telegram', externalId: 'recent-1', receivedAt: new Date(Date.now() - 2 * day) },
    ]);
    const jobs = h.system();
    await jobs.sweepOutbox();
    expect(await h.tdb.repos.processedEvents.seen('telegram', 'old-1')).toBe(false);
    // A redelivery of a recent update is still recognised as a duplicate.
    expect(await h.tdb.repos.processedEvents.markFirst('telegram', 'recent-1')).toBe(false);
  });
});
