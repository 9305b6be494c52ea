/**
 * Photos, voice notes and files: downloaded from Telegram into Rivet's data dir (bots may
 * download at most 20 MB), then handed to the engine, which attaches them to the report being
 * made or to the work order the caption names. A person the engine does not let in (or a group
 * nobody allowed) gets its refusal, and nothing is downloaded.
 */
import { Composer } from 'grammy';
import type { BotServices, RivetContext } from '../context.js';
import { TELEGRAM_DOWNLOAD_LIMIT, type IncomingFile } from '../files.js';
import { withoutMention } from '../groups.js';

export function mediaFeature({ files }: BotServices): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on(['message:photo', 'message:voice', 'message:document', 'message:audio'], async (ctx) => {
    const r = ctx.rivet;
    const m = ctx.message;
    if (!(await r.admits())) {
      // The engine refuses before it looks at the event: this only gets the refusal said.
      await r.handle({ type: 'media_refused', reason: 'unavailable' });
      return;
    }
    let file: IncomingFile;
    if (m.photo) {
      const largest = m.photo[m.photo.length - 1]!;
      file = { fileId: largest.file_id, size: largest.file_size ?? null, fileName: null, mimeType: 'image/jpeg', kind: 'image' };
    } else if (m.voice) {
      file = { fileId: m.voice.file_id, size: m.voice.file_size ?? null, fileName: null, mimeType: m.voice.mime_type ?? 'audio/ogg', kind: 'voice' };
    } else {
      const d = (m.document ?? m.audio)!;
      const image = d.mime_type?.startsWith('image/') ?? false;
      file = { fileId: d.file_id, size: d.file_size ?? null, fileName: d.file_name ?? null, mimeType: d.mime_type ?? null, kind: image ? 'image' : m.audio ? 'voice' : 'other' };
    }
    // Over the person's quota: refused before anything is downloaded (the engine checks again by the real size).
    const allowance = await r.fileAllowance();
    if (allowance !== null && (allowance === 0 || (file.size !== null && file.size > allowance))) {
      await r.handle({ type: 'media_refused', reason: 'quota' });
      return;
    }
    const stored = await files.fetchAndStore(file);
    if (!stored.ok) {
      r.log.warn({ reason: stored.reason, error: stored.error, size: file.size }, 'telegram file not downloaded');
      await r.handle(
        stored.reason === 'too_big'
          ? { type: 'media_refused', reason: 'too_big', limitMb: TELEGRAM_DOWNLOAD_LIMIT / (1024 * 1024) }
          : { type: 'media_refused', reason: 'unavailable' },
      );
      return;
    }
    const caption = m.caption ? (r.group ? withoutMention(m.caption, ctx.me) : m.caption) : null;
    await r.handle({ type: 'media', attachment: stored.ref, kept: stored.kept, caption: caption || null });
  });
  return c;
}
