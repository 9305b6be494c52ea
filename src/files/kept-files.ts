/**
 * Files Rivet keeps (photos, voice notes, documents people send), whichever chat they came
 * from: written under RIVET_DATA_DIR/files/<yyyy-mm>/<uuid>.<ext>, announced as
 * PUBLIC_URL/files/… when there is a public URL (served by api/routes/files.ts), and read back
 * by the job pipeline (jobs/handlers/attach-files.ts, which reads nothing else). Kept only once a
 * report or comment carrying it is accepted, and at most RIVET_FILE_RETENTION_DAYS
 * (files/housekeeping.ts); each person has a quota (RIVET_FILE_QUOTA_MB). An adapter downloads the bytes, calls
 * `keepFile`, and hands the result to the chat engine as a `media` event.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
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
