/**
 * Photos, voice notes and files a technician sends the bot in Slack: downloaded with the bot's
 * token (only from Slack's own file host, or the host of the configured API, so the token never
 * goes elsewhere) and kept by Rivet (files/kept-files.ts), like Telegram's.
 */
import type { KeptFile } from '../../core/conversation/index.js';
import type { AttachmentRef, Clock } from '../../core/ports.js';
import { keepFile } from '../../files/kept-files.js';

/** Rivet keeps files up to this size from any chat. */
export const SLACK_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export interface SlackFile {
  id: string;
  name: string | null;
  mimetype: string | null;
  size: number | null;
  url: string | null;
}

export type FetchResult = { ok: true; ref: AttachmentRef; kept: KeptFile } | { ok: false; reason: 'too_big' | 'failed'; error?: string };

export interface SlackFiles {
  fetchAndStore(file: SlackFile): Promise<FetchResult>;
}

export function kindOf(mimetype: string | null): AttachmentRef['kind'] {
  if (mimetype?.startsWith('image/')) return 'image';
  if (mimetype?.startsWith('audio/')) return 'voice';
  return 'other';
}

export function createSlackFiles(deps: { token: string; apiUrl: string; dataDir: string; publicUrl: string | null; clock: Clock; fetch?: typeof fetch; timeoutMs?: number }): SlackFiles {
  const doFetch = deps.fetch ?? fetch;
  const trusted = new Set(['files.slack.com', new URL(deps.apiUrl).host]);
  return {
    async fetchAndStore(file) {
      if (file.size !== null && file.size > SLACK_DOWNLOAD_LIMIT) return { ok: false, reason: 'too_big' };
      if (!file.url) return { ok: false, reason: 'failed', error: 'no download url' };
      let url: URL;
      try {
        url = new URL(file.url);
      } catch {
        return { ok: false, reason: 'failed', error: 'bad download url' };
      }
      if (!trusted.has(url.host)) return { ok: false, reason: 'failed', error: `refusing to send the token to ${url.host}` };
      try {
        const res = await doFetch(url, { headers: { authorization: `Bearer ${deps.token}` }, signal: AbortSignal.timeout(deps.timeoutMs ?? 60_000) });
        if (!res.ok) return { ok: false, reason: 'failed', error: `download answered ${res.status}` };
        const data = new Uint8Array(await res.arrayBuffer());
        if (data.length > SLACK_DOWNLOAD_LIMIT) return { ok: false, reason: 'too_big' };
        const kept = await keepFile(deps, { data, fileName: file.name, mimeType: file.mimetype, kind: kindOf(file.mimetype), platformFileId: file.id });
        return { ok: true, ...kept };
      } catch (err) {
        return { ok: false, reason: 'failed', error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
