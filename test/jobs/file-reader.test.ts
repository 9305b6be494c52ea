/**
 * The reader attachment jobs use reads Rivet's own kept files only (files/<yyyy-mm>/<uuid>.<ext>
 * under the data dir, or that file at PUBLIC_URL), never an arbitrary path or URL a payload names.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../src/core/ports.js';
import { PermanentJobError } from '../../src/jobs/errors.js';
import { createFileReader } from '../../src/jobs/handlers/attach-files.js';

const KEPT = 'files/2026-11/00000000-0000-4000-8000-0000000000f1.jpg';
let dataDir: string;
let server: Server;
let hits: string[] = [];
let base: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rivet-reader-'));
  mkdirSync(join(dataDir, 'files', '2026-11'), { recursive: true });
  writeFileSync(join(dataDir, KEPT), 'photo');
  writeFileSync(join(dataDir, 'secret.txt'), 'not for Atlas');
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('remote bytes');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ref = (storedAt: string): AttachmentRef => ({ storedAt, fileName: 'x.jpg', mimeType: 'image/jpeg', kind: 'image' });

describe('the attachment file reader', () => {
  it('reads a kept file by its path or its PUBLIC_URL address', async () => {
    const read = createFileReader(dataDir, `${base}/rivet`);
    expect(Buffer.from(await read(ref(KEPT))).toString()).toBe('photo');
    expect(Buffer.from(await read(ref(`${base}/rivet/${KEPT}`))).toString()).toBe('photo');
  });

  it('refuses anything else, for good, without touching the disk or the network', async () => {
    hits = [];
    const read = createFileReader(dataDir, `${base}/rivet`);
    for (const bad of ['/etc/passwd', join(dataDir, 'secret.txt'), 'secret.txt', '../secret.txt', 'files/2026-11/../../secret.txt', `${base}/anything`, `${base}/rivet/secret.txt`, 'file:///etc/passwd', 'http://169.254.169.254/latest/meta-data/']) {
      await expect(read(ref(bad)), bad).rejects.toBeInstanceOf(PermanentJobError);
    }
    expect(hits).toEqual([]);
  });

  it('fetches a kept file from PUBLIC_URL when this host has no copy (another worker host)', async () => {
    hits = [];
    const read = createFileReader(dataDir, `${base}/rivet`);
    const elsewhere = 'files/2026-11/00000000-0000-4000-8000-0000000000f2.jpg';
    expect(Buffer.from(await read(ref(`${base}/rivet/${elsewhere}`))).toString()).toBe('remote bytes');
    expect(hits).toEqual([`/rivet/${elsewhere}`]);
  });
});
