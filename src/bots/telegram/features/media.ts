/**
 * Photos, voice notes and files: fetched and kept by Rivet, then attached to the report being
 * made or to the work order the caption names. Telegram lets bots download at most 20 MB.
 */
import { Composer } from 'grammy';
import type { BotServices, RivetContext } from '../context.js';
import type { IncomingFile } from '../files.js';
import { withoutMention } from '../groups.js';

const TOO_BIG = 'That file is over 20 MB, the most Telegram lets me download. Send a smaller photo or a shorter voice note.';
const FETCH_FAILED = 'I couldn’t fetch that file from Telegram. Please send it again.';

export function mediaFeature({ deps, flow, files }: BotServices): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.on(['message:photo', 'message:voice', 'message:document', 'message:audio'], async (ctx) => {
    const r = ctx.rivet;
    const m = ctx.message;
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
    const stored = await files.fetchAndStore(file, { organizationId: deps.organizationId, userId: r.user.id });
    if (!stored.ok) {
      r.log.warn({ reason: stored.reason, error: stored.error, size: file.size }, 'attachment not kept');
      await r.reply(stored.reason === 'too_big' ? TOO_BIG : FETCH_FAILED);
      return;
    }
    const caption = m.caption ? (ctx.chat.type === 'private' ? m.caption : withoutMention(m.caption, ctx.me)) : null;
    await r.step((f) => flow.media(f, stored.ref, caption || null));
  });
  return c;
}
