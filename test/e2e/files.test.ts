import { afterAll, beforeAll, expect, it } from 'vitest';
import { photoUpdate } from '../fakes/telegram/updates.js';
import { person, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

const PUBLIC_URL = 'https://rivet.example.test';
let e: E2E;
beforeAll(async () => {
  // Unlicensed Atlas refuses file uploads: the work order gets a comment linking to Rivet's copy.
  e = await startE2E({ atlas: { licensed: false }, env: { PUBLIC_URL } });
});
afterAll(() => e?.close());

describeWith(['postgres', 'redis'], 'files Rivet keeps', () => {
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
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(jpeg);
    for (const bad of ['/files/2026-11/..%2F..%2Fetc%2Fpasswd', '/files/..%2Fpgdata/x', '/files/2026-11/not-a-uuid.jpg']) {
      expect((await fetch(`${e.rivet.url}${bad}`)).status).toBe(404);
    }
  });
});
