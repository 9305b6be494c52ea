/**
 * Attachments of a report: uploaded and attached when Atlas is licensed for files; otherwise a
 * comment on the work order names each file Rivet keeps. Progress is saved on the job's outbox
 * row, so a retry picks up after the last file done — and an uploaded file's id is saved before
 * it is attached: a retry attaches that file (unless the work order has it already) instead of
 * uploading a second copy. The "kept by Rivet" comment carries its key's marker and is looked
 * for before it is posted.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { attachmentKeptByRivet, attachmentsFailed } from '../../core/notices.js';
import type { AttachmentRef } from '../../core/ports.js';
import { AtlasLicenseError, hasMarker } from '../../integrations/atlas/index.js';
import { noticeKey, type AttachFilesJob } from '../names.js';
import type { JobHandler } from '../runner.js';
import { lookAfterInterruption, notify, requireAtlas, type HandlerDeps } from './deps.js';

export type FileReader = (ref: AttachmentRef) => Promise<Uint8Array>;

/** Files kept under the data dir (relative paths) or anywhere absolute; URLs are fetched. */
export function createFileReader(dataDir: string): FileReader {
  return async (ref) => {
    if (/^https?:\/\//i.test(ref.storedAt)) {
      const res = await fetch(ref.storedAt);
      if (!res.ok) throw new Error(`fetching ${ref.fileName} failed with ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    }
    return readFile(isAbsolute(ref.storedAt) ? ref.storedAt : resolve(dataDir, ref.storedAt));
  };
}

type Progress = AttachFilesJob & {
  /** Indexes of attachments handled. */
  done?: number[];
  /** Atlas file id of each attachment uploaded, by index (saved before attaching). */
  uploaded?: Record<string, number>;
};

export function attachFilesHandler(deps: HandlerDeps & { readFile: FileReader }): JobHandler<Progress> {
  return {
    async run(data, ctx) {
      const atlas = requireAtlas(deps.atlas);
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
