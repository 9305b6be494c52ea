/**
 * Photos and voice notes: fetched from Telegram (bots may download at most 20 MB), kept under
 * RIVET_DATA_DIR/files, recorded in stored_files, and handed on as attachment references.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GrammyError, type Api } from 'grammy';
import type { AttachmentRef, Clock } from '../../core/ports.js';
import type { StoredFileRepository } from '../../db/repositories/stored-files.js';
import { keptFileAddress } from './kept-files.js';

export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export interface IncomingFile {
  fileId: string;
  size: number | null;
  fileName: string | null;
  mimeType: string | null;
  kind: AttachmentRef['kind'];
}

export type FetchResult = { ok: true; ref: AttachmentRef } | { ok: false; reason: 'too_big' | 'failed'; error?: string };

export interface TelegramFiles {
  fetchAndStore(file: IncomingFile, owner: { organizationId: string; userId: string }): Promise<FetchResult>;
}

const EXT: Record<AttachmentRef['kind'], string> = { image: 'jpg', voice: 'ogg', other: 'bin' };
const MIME_EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'application/pdf': 'pdf' };
const extensionOf = (name: string | null | undefined) => {
  const m = name ? /\.([A-Za-z0-9]{1,5})$/.exec(name) : null;
  return m ? m[1]!.toLowerCase() : undefined;
};

export function createTelegramFiles(deps: {
  api: Api;
  token: string;
  apiRoot: string;
  dataDir: string;
  /** PUBLIC_URL: attachments are then announced as links Rivet serves (kept-files.ts). */
  publicUrl: string | null;
  repo: StoredFileRepository;
  clock: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): TelegramFiles {
  const doFetch = deps.fetch ?? fetch;
  return {
    async fetchAndStore(file, owner) {
      if (file.size !== null && file.size > TELEGRAM_DOWNLOAD_LIMIT) return { ok: false, reason: 'too_big' };
      try {
        const info = await deps.api.getFile(file.fileId);
        if (!info.file_path) return { ok: false, reason: 'failed', error: 'no file_path' };
        const res = await doFetch(`${deps.apiRoot}/file/bot${deps.token}/${info.file_path}`, {
          signal: AbortSignal.timeout(deps.timeoutMs ?? 60_000),
        });
        if (!res.ok) return { ok: false, reason: 'failed', error: `download answered ${res.status}` };
        const data = new Uint8Array(await res.arrayBuffer());
        if (data.length > TELEGRAM_DOWNLOAD_LIMIT) return { ok: false, reason: 'too_big' };
        const month = deps.clock.now().toISOString().slice(0, 7);
        const ext = extensionOf(file.fileName) ?? MIME_EXT[file.mimeType ?? ''] ?? extensionOf(info.file_path) ?? EXT[file.kind];
        const fileName = file.fileName ?? `${file.kind === 'image' ? 'photo' : file.kind === 'voice' ? 'voice-note' : 'file'}.${ext}`;
        const storedAt = `files/${month}/${randomUUID()}.${ext.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 5) || 'bin'}`;
        const absolute = join(deps.dataDir, storedAt);
        await mkdir(dirname(absolute), { recursive: true });
        await writeFile(absolute, data);
        await deps.repo.record({
          organizationId: owner.organizationId,
          userId: owner.userId,
          platformFileId: file.fileId,
          path: storedAt,
          fileName,
          mimeType: file.mimeType,
          sizeBytes: data.length,
        });
        return { ok: true, ref: { storedAt: keptFileAddress(storedAt, deps.publicUrl), fileName, mimeType: file.mimeType, kind: file.kind } };
      } catch (err) {
        if (err instanceof GrammyError && /too big/i.test(err.description)) return { ok: false, reason: 'too_big' };
        return { ok: false, reason: 'failed', error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
