/**
 * Attachments of a report: uploaded and attached when Atlas is licensed for files; otherwise a
 * comment on the work order names each file Rivet keeps. Progress is saved on the job's outbox
 * row, so a retry picks up after the last file done — and an uploaded file's id is saved before
 * it is attached: a retry attaches that file (unless the work order has it already) instead of
 * uploading a second copy. The "kept by Rivet" comment carries its key's marker and is looked
 * for before it is posted.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEPT_FILE_PATH } from '../../files/kept-files.js';
import { attachmentKeptByRivet, attachmentsFailed } from '../../core/notices.js';
import type { AttachmentRef } from '../../core/ports.js';
import { AtlasLicenseError, hasMarker } from '../../integrations/atlas/index.js';
import { PermanentJobError } from '../errors.js';
import { noticeKey, type AttachFilesJob } from '../names.js';
import type { JobHandler } from '../runner.js';
import { lookAfterInterruption, notify, requireAtlas, type HandlerDeps } from './deps.js';

export type FileReader = (ref: AttachmentRef) => Promise<Uint8Array>;

/** An attachment that is not one of Rivet's kept files: never read (a job's payload names no arbitrary path or URL). */
export class ForeignFileError extends Error {
  constructor(fileName: string) {
    super(`attachment ${fileName} is not a file Rivet keeps; not read`);
    this.name = 'ForeignFileError';
  }
}

/** The kept-file path (files/<yyyy-mm>/<uuid>.<ext>) an attachment points at, or null when it points elsewhere. */
export function keptPathOf(storedAt: string, publicUrl: string | null): string | null {
  const prefix = publicUrl ? `${publicUrl.replace(/\/+$/, '')}/` : null;
  const relative = prefix && storedAt.startsWith(prefix) ? storedAt.slice(prefix.length) : storedAt;
  return KEPT_FILE_PATH.test(relative) ? relative : null;
}

/**
 * Reads only Rivet's own kept files: files/<yyyy-mm>/<uuid>.<ext> under the data dir, given as that
 * relative path or as its PUBLIC_URL address (fetched from PUBLIC_URL when this host has no copy).
 * Any other path or URL is refused, so a job can never be made to read /etc/passwd or fetch a
 * URL of someone's choosing.
 */
export function createFileReader(dataDir: string, publicUrl: string | null = null): FileReader {
  return async (ref) => {
    const path = keptPathOf(ref.storedAt, publicUrl);
    if (!path) throw new PermanentJobError({ kind: 'internal' }, new ForeignFileError(ref.fileName).message);
    try {
      return new Uint8Array(await readFile(join(dataDir, path)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !publicUrl || !ref.storedAt.startsWith(publicUrl)) throw err;
    }
    // A worker on another host: the same file through Rivet's own public address.
    const res = await fetch(`${publicUrl.replace(/\/+$/, '')}/${path}`, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`fetching ${ref.fileName} failed with ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

type Progress = AttachFilesJob & {
  /** Indexes of attachments handled. */
  done?: number[];
  /** Atlas file id of each attachment uploaded, by index (saved before attaching). */
  uploaded?: Record<string, number>;
};

export function attachFilesHandler(deps: HandlerDeps & { readFile: FileReader; publicUrl?: string | null }): JobHandler<Progress> {
  return {
    async run(data, ctx) {
      const atlas = requireAtlas(deps.atlas);
      // The report or comment was accepted: its files are kept (until retention), not dropped as undecided.
      const paths = data.attachments.map((a) => keptPathOf(a.storedAt, deps.publicUrl ?? null)).filter((p): p is string => p !== null);
      await deps.repos.storedFiles.accept(paths, deps.clock.now());
      const done = new Set(data.done ?? []);
      const uploaded: Record<string, number> = { ...data.uploaded };
      const save = () => ctx.saveProgress({ ...data, done: [...done], uploaded });
      let onWorkOrder: Set<number> | null = null;
      for (const [i, ref] of data.attachments.entries()) {
        if (done.has(i)) continue;
        try {
          let fileId = uploaded[i];
          if (fileId === undefined) {
            const bytes = await deps.readFile(ref);
            const [file] = await atlas.uploadFiles([{ name: ref.fileName, data: bytes, ...(ref.mimeType ? { mimeType: ref.mimeType } : {}), type: ref.kind === 'image' ? 'IMAGE' : 'OTHER' }]);
            if (!file) throw new Error(`Atlas returned no file for ${ref.fileName}`);
            fileId = uploaded[i] = file.id;
            await save();
          }
          onWorkOrder ??= new Set((await atlas.getWorkOrder(data.workOrderId)).files.map((f) => f.id));
          if (!onWorkOrder.has(fileId)) await atlas.attachFilesToWorkOrder(data.workOrderId, [fileId]);
          onWorkOrder.add(fileId);
        } catch (e) {
          if (!(e instanceof AtlasLicenseError && e.kind === 'files')) throw e;
          const text = attachmentKeptByRivet(ref.fileName, ref.storedAt);
          const key = noticeKey.fileKept(data.idempotencyKey, i);
          const posted = await lookAfterInterruption(ctx, atlas, async () =>
            (await atlas.listComments(data.workOrderId)).find((c) => !c.system && hasMarker(c.content, key)) ?? null,
          );
          if (!posted) await atlas.addCommentOnce(data.workOrderId, text, { idempotencyKey: key, beforeWrite: ctx.beginWrite });
          await notify(deps, { idempotencyKey: key, to: data.notify, text, conversationId: data.conversationId, kind: 'status' }, data.organizationId);
        }
        done.add(i);
        await save();
        ctx.logger.info({ workOrderId: data.workOrderId, file: ref.fileName }, 'attachment handled');
      }
    },
    async onPermanent(data) {
      const left = data.attachments.length - (data.done?.length ?? 0);
      await notify(deps, { idempotencyKey: noticeKey.failed(data.idempotencyKey), to: data.notify, text: attachmentsFailed(data.customId, left), conversationId: data.conversationId }, data.organizationId);
    },
  };
}
