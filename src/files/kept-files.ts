/**
 * Files Rivet keeps (photos, voice notes, documents people send), whichever chat they came
 * from: written under RIVET_DATA_DIR/files/<yyyy-mm>/<uuid>.<ext>, announced as
 * PUBLIC_URL/files/… when there is a public URL (served by api/routes/files.ts), and read back
 * by the job pipeline from disk when the file is here. An adapter downloads the bytes, calls
 * `keepFile`, and hands the result to the chat engine as a `media` event.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { KeptFile } from '../core/conversation/index.js';
import type { AttachmentRef, Clock } from '../core/ports.js';

/** files/<yyyy-mm>/<uuid>.<ext>, as keepFile writes them; nothing else is ever served. */
export const KEPT_FILE_PATH = /^files\/(\d{4}-\d{2})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,5})$/;

const KIND_EXT: Record<AttachmentRef['kind'], string> = { image: 'jpg', voice: 'ogg', other: 'bin' };
const MIME_EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'application/pdf': 'pdf' };

export const extensionOf = (name: string | null | undefined) => {
  const m = name ? /\.([A-Za-z0-9]{1,5})$/.exec(name) : null;
  return m ? m[1]!.toLowerCase() : undefined;
};

/** Where a kept file is announced: a URL under PUBLIC_URL when there is one, else its relative path. */
export function keptFileAddress(relativePath: string, publicUrl: string | null): string {
  return publicUrl ? `${publicUrl}/${relativePath}` : relativePath;
}

export interface KeepFileInput {
  data: Uint8Array;
  /** The name the sender gave it, if any (a photo has none). */
  fileName: string | null;
  mimeType: string | null;
  kind: AttachmentRef['kind'];
  /** The platform's id for the file, to record beside it. */
  platformFileId: string | null;
  /** A name the platform stores it under (e.g. Telegram's file_path), as a last hint for the extension. */
  extensionHint?: string | null;
}

/** Writes the bytes under the data dir; returns the attachment for the flow and what to record. */
export async function keepFile(deps: { dataDir: string; publicUrl: string | null; clock: Clock }, file: KeepFileInput): Promise<{ ref: AttachmentRef; kept: KeptFile }> {
  const month = deps.clock.now().toISOString().slice(0, 7);
  const ext = extensionOf(file.fileName) ?? MIME_EXT[file.mimeType ?? ''] ?? extensionOf(file.extensionHint) ?? KIND_EXT[file.kind];
  const fileName = file.fileName ?? `${file.kind === 'image' ? 'photo' : file.kind === 'voice' ? 'voice-note' : 'file'}.${ext}`;
  const path = `files/${month}/${randomUUID()}.${ext.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 5) || 'bin'}`;
  const absolute = join(deps.dataDir, path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, file.data);
  return {
    ref: { storedAt: keptFileAddress(path, deps.publicUrl), fileName, mimeType: file.mimeType, kind: file.kind },
    kept: { path, platformFileId: file.platformFileId, sizeBytes: file.data.length },
  };
}

/**
 * Reads an attachment for the job pipeline: Rivet's own file links are read from the data dir
 * (no HTTP round trip through the public address) when the file is here; anything else goes to
 * the fallback reader (which fetches URLs).
 */
export function keptFileReader(deps: { dataDir: string; publicUrl: string | null; fallback: (ref: AttachmentRef) => Promise<Uint8Array> }) {
  return async (ref: AttachmentRef): Promise<Uint8Array> => {
    const prefix = deps.publicUrl ? `${deps.publicUrl}/` : null;
    const relative = prefix && ref.storedAt.startsWith(prefix) ? ref.storedAt.slice(prefix.length) : null;
    if (relative && KEPT_FILE_PATH.test(relative)) {
      try {
        return new Uint8Array(await readFile(join(deps.dataDir, relative)));
      } catch (err) {
        // A worker on another host has no copy: fetch it through the public address.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return deps.fallback(ref);
  };
}
