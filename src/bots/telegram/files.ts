/**
 * Photos and voice notes from Telegram: fetched through the Bot API (bots may download at most
 * 20 MB) and kept by Rivet (files/kept-files.ts); the engine records them with their owner and
 * attaches them.
 */
import { GrammyError, type Api } from 'grammy';
import type { KeptFile } from '../../core/conversation/index.js';
import type { AttachmentRef, Clock } from '../../core/ports.js';
import { keepFile } from '../../files/kept-files.js';

export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export interface IncomingFile {
  fileId: string;
  size: number | null;
  fileName: string | null;
  mimeType: string | null;
  kind: AttachmentRef['kind'];
}

export type FetchResult = { ok: true; ref: AttachmentRef; kept: KeptFile } | { ok: false; reason: 'too_big' | 'failed'; error?: string };

export interface TelegramFiles {
  fetchAndStore(file: IncomingFile): Promise<FetchResult>;
}

export function createTelegramFiles(deps: {
  api: Api;
  token: string;
  apiRoot: string;
  dataDir: string;
  /** PUBLIC_URL: attachments are then announced as links Rivet serves. */
  publicUrl: string | null;
  clock: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): TelegramFiles {
  const doFetch = deps.fetch ?? fetch;
  return {
    async fetchAndStore(file) {
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
        const kept = await keepFile(deps, { data, fileName: file.fileName, mimeType: file.mimeType, kind: file.kind, platformFileId: file.fileId, extensionHint: info.file_path });
        return { ok: true, ...kept };
      } catch (err) {
        if (err instanceof GrammyError && /too big/i.test(err.description)) return { ok: false, reason: 'too_big' };
        return { ok: false, reason: 'failed', error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
