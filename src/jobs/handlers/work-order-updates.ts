/**
 * Status changes and comments a technician asked for, made in Atlas and confirmed in chat. Both
 * are safe to retry: the status is compared before it is changed, and the comment carries its
 * command's marker and is looked for before it is posted (a timed-out call may have landed).
 */
import { commentAdded, customIdOf, statusChanged, updateDelayed, updateFailed } from '../../core/notices.js';
import type { ChatAddress } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import { createWorkOrderLinkRepository } from '../../db/repositories/work-order-links.js';
import { createWorkOrderStatusRepository } from '../../db/repositories/work-order-status.js';
import { attachFilesEntry, sendEntry } from '../entries.js';
import { noticeKey, type AddCommentJob, type ChangeStatusJob } from '../names.js';
import type { JobHandler } from '../runner.js';
import { hasMarker } from '../../integrations/atlas/index.js';
import { lookAfterInterruption, notify, requireAtlas, type HandlerDeps } from './deps.js';
import { tellRequester } from './tell-requester.js';

interface Cmd { idempotencyKey: string; organizationId: string; chat: ChatAddress; workOrderId: number }

function failureHandlers(deps: HandlerDeps) {
  const customId = async (cmd: Cmd) => {
    const link = await deps.repos.workOrderLinks.byAtlasId(cmd.organizationId, cmd.workOrderId).catch(() => null);
    return link?.atlasCustomId ?? null;
  };
  return {
    async onDelayed({ cmd }: { cmd: Cmd }) {
      await notify(deps, { idempotencyKey: noticeKey.delayed(cmd.idempotencyKey), to: cmd.chat, text: updateDelayed(await customId(cmd)), kind: 'status' }, cmd.organizationId);
    },
    async onPermanent({ cmd }: { cmd: Cmd }, cause: Parameters<typeof updateFailed>[0]) {
      await notify(deps, { idempotencyKey: noticeKey.failed(cmd.idempotencyKey), to: cmd.chat, text: updateFailed(cause, await customId(cmd)) }, cmd.organizationId);
    },
  };
}

export function changeStatusHandler(deps: HandlerDeps): JobHandler<ChangeStatusJob> {
  return {
    async run({ cmd }, ctx) {
      const atlas = requireAtlas(deps.atlas);
      const applied = await lookAfterInterruption(ctx, atlas, async () => {
        const current = await atlas.getWorkOrder(cmd.workOrderId);
        return current.status === cmd.status ? current : null;
      });
      const wo = applied ?? (await atlas.changeStatusOnce(cmd.workOrderId, cmd.status, cmd.note ?? null, { beforeWrite: ctx.beginWrite }));
      const customId = customIdOf(wo.customId, wo.id);
      const confirm = sendEntry({ idempotencyKey: noticeKey.done(cmd.idempotencyKey), to: cmd.chat, text: statusChanged(customId, wo.status), kind: 'response' }, cmd.organizationId);
      await deps.db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const existing = await createWorkOrderLinkRepository(t).byAtlasId(cmd.organizationId, wo.id);
        if (existing) {
          // Known status now, so the webhook or poll of this same change stays quiet.
          await createWorkOrderStatusRepository(t).advance(existing.id, wo.status, wo.updatedAt);
        } else {
          // A work order Rivet did not file: remember it, so this person hears of later changes.
          await createWorkOrderLinkRepository(t).record({
            organizationId: cmd.organizationId,
            atlasWorkOrderId: wo.id,
            atlasCustomId: wo.customId,
            requesterId: cmd.requesterId,
            title: wo.title,
            priority: wo.priority,
            lastKnownStatus: wo.status,
            lastStatusAt: wo.updatedAt,
            notifyChannel: cmd.chat.channel,
            notifyChatId: cmd.chat.chatId,
          });
        }
        await deps.enqueuer.write(t, [confirm]);
      });
      ctx.logger.info({ workOrderId: wo.id, status: wo.status }, 'status changed in Atlas');
      await deps.enqueuer.push([confirm]);
      await tellRequester(deps, cmd, { kind: 'status', status: wo.status, customId });
    },
    ...failureHandlers(deps),
  };
}

export function addCommentHandler(deps: HandlerDeps): JobHandler<AddCommentJob> {
  return {
    async run({ cmd }, ctx) {
      const atlas = requireAtlas(deps.atlas);
      const posted = await lookAfterInterruption(ctx, atlas, async () =>
        (await atlas.listComments(cmd.workOrderId)).find((c) => !c.system && hasMarker(c.content, cmd.idempotencyKey)) ?? null,
      );
      if (!posted) await atlas.addCommentOnce(cmd.workOrderId, `${cmd.authorName} (chat): ${cmd.text}`, { idempotencyKey: cmd.idempotencyKey, beforeWrite: ctx.beginWrite });
      const link = await deps.repos.workOrderLinks.byAtlasId(cmd.organizationId, cmd.workOrderId);
      const customId = customIdOf(link?.atlasCustomId, cmd.workOrderId);
      const entries = [sendEntry({ idempotencyKey: noticeKey.done(cmd.idempotencyKey), to: cmd.chat, text: commentAdded(customId), kind: 'response' }, cmd.organizationId)];
      if (cmd.attachments?.length) {
        entries.push(attachFilesEntry({
          idempotencyKey: noticeKey.files(cmd.idempotencyKey),
          organizationId: cmd.organizationId,
          workOrderId: cmd.workOrderId,
          customId,
          attachments: cmd.attachments,
          notify: cmd.chat,
          conversationId: null,
        }));
      }
      ctx.logger.info({ workOrderId: cmd.workOrderId }, 'comment added in Atlas');
      await deps.enqueuer.enqueue(entries);
      await tellRequester(deps, cmd, { kind: 'comment', text: cmd.text, customId });
    },
    ...failureHandlers(deps),
  };
}
