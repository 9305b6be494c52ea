import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedFiles } from '../../src/db/schema.js';
import { createFileHousekeeping } from '../../src/files/housekeeping.js';
import { photoUpdate, textUpdate } from '../fakes/telegram/updates.js';
import { person, startE2E, until, type E2E } from './harness.js';

const PUBLIC_URL = 'https://rivet.example.test';
let e: E2E;
beforeAll(async () => {
  // Unlicensed Atlas refuses file uploads: the work order gets a comment linking to Rivet's copy.
  e = await startE2E({ atlas: { licensed: false }, env: { PUBLIC_URL, RIVET_FILE_QUOTA_MB: '1', RIVET_FILE_RETENTION_DAYS: '30' } });
});
afterAll(() => e?.close());

describe('files Rivet keeps', () => {
  it('links an unlicensed Atlas work order to the photo Rivet serves', async () => {
    const zed = person('Zed');
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6]);
    e.tg.addFile({ fileId: 'zed-photo', data: jpeg });
    await e.post(photoUpdate(zed, 'zed-photo', { caption: 'Pump P-502 leaking at the seal' }));
    await e.waitForText(zed.id, /New work order[\s\S]*📎 1 photo/);
    await e.tap(zed, zed.id, /Create/);
    await e.waitForText(zed.id, /^Filed WO/);
    const comment = await until(() => e.atlas.state.comments.find((c) => c.content.includes(`${PUBLIC_URL}/files/`)), 10_000, 'a comment linking the photo');
    const link = new RegExp(`${PUBLIC_URL}(/files/\\d{4}-\\d{2}/[0-9a-f-]{36}\\.jpg)`).exec(comment.content)![1]!;
    const res = await fetch(`${e.rivet.url}${link}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    // Always a download, never rendered inline in Rivet's origin.
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[0-9a-f-]{36}\.jpg"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(jpeg);
    for (const bad of ['/files/2026-11/..%2F..%2Fetc%2Fpasswd', '/files/..%2Fpgdata/x', '/files/2026-11/not-a-uuid.jpg']) {
      expect((await fetch(`${e.rivet.url}${bad}`)).status).toBe(404);
    }
  });

  it('keeps only the files of accepted reports: a photo whose report was cancelled is deleted; kept ones go after the retention period', async () => {
    const dataDir = e.rivet.config.dataDir;
    const housekeeping = createFileHousekeeping({ files: e.rivet.repos.storedFiles, dataDir, retentionDays: e.rivet.config.files.retentionDays, clock: e.clock, logger: e.rivet.logger });
    const yan = person('Yan');
    e.tg.addFile({ fileId: 'yan-photo', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1]) });
    await e.post(photoUpdate(yan, 'yan-photo', { caption: 'Pump P-503 leaking' }));
    await e.waitForText(yan.id, /New work order[\s\S]*📎 1 photo/);
    await e.post(textUpdate(yan, '/cancel'));
    await e.waitForText(yan.id, /^Cancelled/);
    const [undecided] = await e.tdb.database.db.select().from(storedFiles).where(eq(storedFiles.platformFileId, 'yan-photo'));
    expect(undecided!.acceptedAt).toBeNull();
    expect(existsSync(join(dataDir, undecided!.path))).toBe(true);
    const [accepted] = await e.tdb.database.db.select().from(storedFiles).where(eq(storedFiles.platformFileId, 'zed-photo'));
    expect(accepted!.acceptedAt).not.toBeNull();

    // Within the grace period nothing goes; after it, the cancelled report's photo does.
    expect(await housekeeping.run()).toBe(0);
    e.clock.advance(37 * 3600_000);
    expect(await housekeeping.run()).toBe(1);
    expect(existsSync(join(dataDir, undecided!.path))).toBe(false);
    expect(existsSync(join(dataDir, accepted!.path))).toBe(true);
    // The accepted one stays until RIVET_FILE_RETENTION_DAYS, then it goes too and its link answers 404.
    e.clock.advance(30 * 86_400_000);
    expect(await housekeeping.run()).toBe(1);
    expect(existsSync(join(dataDir, accepted!.path))).toBe(false);
    expect((await fetch(`${e.rivet.url}/${accepted!.path}`)).status).toBe(404);
    expect(await e.tdb.database.db.select().from(storedFiles).where(eq(storedFiles.id, accepted!.id))).toEqual([]);
  });

  it('a per-person quota: a file that would go past it is refused (announced ones before any download)', async () => {
    const xia = person('Xia');
    const big = new Uint8Array(700 * 1024).fill(7);
    e.tg.addFile({ fileId: 'xia-1', data: big });
    e.tg.addFile({ fileId: 'xia-2', data: big });
    await e.post(photoUpdate(xia, 'xia-1', { caption: 'Pump P-504 leaking', size: big.length }));
    await e.waitForText(xia.id, /New work order[\s\S]*📎 1 photo/);
    // 700 KB kept of 1 MB: another 700 KB is refused by its announced size, never fetched.
    const fetchedBefore = e.tg.callsOf('getFile').length;
    await e.post(photoUpdate(xia, 'xia-2', { size: big.length }));
    await e.waitForText(xia.id, /reached the 1 MB Rivet keeps per person/);
    expect(e.tg.callsOf('getFile').length).toBe(fetchedBefore);
    // Announced small but really 700 KB: fetched, then refused by its real size and deleted.
    await e.post(photoUpdate(xia, 'xia-2', { size: 10 }));
    await until(() => e.texts(xia.id).filter((t) => /reached the 1 MB/.test(t)).length === 2, 10_000, 'a second refusal');
    const rows = (await e.tdb.database.db.select().from(storedFiles)).filter((r) => r.platformFileId?.startsWith('xia'));
    expect(rows.map((r) => r.platformFileId)).toEqual(['xia-1']);
  });
});
