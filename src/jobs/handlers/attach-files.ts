/**
 * Attachments of a report: uploaded and attached when Atlas is licensed for files; otherwise a
 * comment on the work order names each file Rivet keeps. Progress is saved on the job, so a
 * retry picks up after the last file done.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { attachmentKeptByRivet, attachmentsFailed } from '../../core/notices.js';
import type { AttachmentRef } from '../../core/ports.js';
import { AtlasLicenseError } from '../../integrations/atlas/index.js';
import { noticeKey, type AttachFilesJob } from '../names.js';
import type { JobHandler } from '../runner.js';
import { notify, requireAtlas, type HandlerDeps } from './deps.js';

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

type Progress = AttachFilesJob & { done?: number[] };

export function attachFilesHandler(deps: HandlerDeps & { readFile: FileReader }): JobHandler<Progress> {
  return {
    async run(data, ctx) {
      const atlas = requireAtlas(deps.atlas);
      const done = new Set(data.done ?? []);
      for (const [i, ref] of data.attachments.entries()) {
        if (done.has(i)) continue;
        try {
          const bytes = await deps.readFile(ref);
          const [file] = await atlas.uploadFiles([{ name: ref.fileName, data: bytes, ...(ref.mimeType ? { mimeType: ref.mimeType } : {}), type: ref.kind === 'image' ? 'IMAGE' : 'OTHER' }]);
          if (file) await atlas.attachFilesToWorkOrder(data.workOrderId, [file.id]);
        } catch (e) {
          if (!(e instanceof AtlasLicenseError && e.kind === 'files')) throw e;
          const text = attachmentKeptByRivet(ref.fileName, ref.storedAt);
          await atlas.addComment(data.workOrderId, text);
          await notify(deps, { idempotencyKey: noticeKey.fileKept(data.idempotencyKey, i), to: data.notify, text, conversationId: data.conversationId, kind: 'status' }, data.organizationId);
        }
        done.add(i);
        await ctx.job.updateData({ ...data, done: [...done] });
        ctx.logger.info({ workOrderId: data.workOrderId, file: ref.fileName }, 'attachment handled');
      }
    },
    async onPermanent(data) {
      const left = data.attachments.length - (data.done?.length ?? 0);
      await notify(deps, { idempotencyKey: noticeKey.failed(data.idempotencyKey), to: data.notify, text: attachmentsFailed(data.customId, left), conversationId: data.conversationId }, data.organizationId);
    },
  };
}
