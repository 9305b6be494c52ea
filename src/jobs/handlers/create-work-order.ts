/**
 * Files a report in Atlas. Order matters: Atlas (idempotent per key) → the work_order_links
 * row and the follow-up jobs in one transaction → enqueue them. A crash anywhere repeats only
 * steps that are safe to repeat: a recorded link short-cuts Atlas, and Atlas's marker search
 * finds a work order whose link was never written.
 */
import { assetGone, reportDelayed, reportFailed, workOrderFiled, customIdOf } from '../../core/notices.js';
import { PRIORITIES, type Priority } from '../../core/model.js';
import type { CreateWorkOrderCommand } from '../../core/ports.js';
import { requestedBy } from '../../core/provisioning/index.js';
import { toWorkOrderSummary } from '../../integrations/atlas/mapping.js';
import { isStatus } from './atlas-status.js';
import type { Db } from '../../db/client.js';
import { createWorkOrderLinkRepository, type WorkOrderLink } from '../../db/repositories/work-order-links.js';
import { AtlasApiError, type AtlasWorkOrder } from '../../integrations/atlas/index.js';
import { attachFilesEntry, sendEntry, createWorkOrderEntry } from '../entries.js';
import type { OutboxEntry } from '../../db/repositories/outbox.js';
import { noticeKey, type CreateWorkOrderJob, type QuestionAnswer } from '../names.js';
import type { JobHandler } from '../runner.js';
import type { QuestionAsker } from '../questions.js';
import { lookAfterInterruption, notify, requireAtlas, type HandlerDeps } from './deps.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const FILE_WITHOUT_ASSET = 'File without the asset';
export const CANCEL_REPORT = 'Cancel the report';

/** Atlas answers a reference to a deleted asset with 500 "Unable to find …Asset with id N". */
function isMissingAsset(e: unknown): boolean {
  return e instanceof AtlasApiError && /unable to find .*asset/i.test(e.atlasMessage ?? '');
}

export function createWorkOrderHandler(deps: HandlerDeps & { questions: QuestionAsker }): JobHandler<CreateWorkOrderJob> {
  return {
    async run({ cmd, answers }, ctx) {
      let link = await deps.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey);
      if (link) {
        ctx.logger.info({ workOrderId: link.atlasWorkOrderId }, 'already filed; making sure the follow-ups are queued');
        await deps.enqueuer.push(followUps(cmd, link, null));
        await announce(deps, cmd, { id: link.atlasWorkOrderId, customId: link.atlasCustomId, title: link.title, priority: link.priority, status: link.lastKnownStatus, asset: null, location: null, assignees: [] });
        return;
      }
      const atlas = requireAtlas(deps.atlas);
      const assetAnswer = lastAnswer(answers);
      if (assetAnswer?.answer === CANCEL_REPORT) {
        await notify(deps, { idempotencyKey: noticeKey.failed(cmd.idempotencyKey), to: cmd.chat, text: reportFailed({ kind: 'cancelled' }, cmd.title), conversationId: cmd.conversationId }, cmd.organizationId);
        return;
      }
      const withoutAsset = assetAnswer !== null;
      // Atlas has no requester field: the description names the person (and their Atlas user).
      const requester = UUID.test(cmd.requesterId) ? await deps.repos.users.get(cmd.requesterId) : null;
      const signed = requester ? requestedBy(requester) : null;
      // A run cut short mid-create may have a POST Atlas is still working on: find it, or wait it
      // out, before posting again (two work orders, two numbers, for one report otherwise).
      const landed = await lookAfterInterruption(ctx, atlas, () => atlas.findWorkOrderByMarker(cmd.idempotencyKey));
      let wo: AtlasWorkOrder;
      try {
        wo = landed ?? await atlas.createWorkOrder(
          {
            title: cmd.title,
            description: signed ? `${cmd.description}\n\n${signed}` : cmd.description,
            priority: cmd.priority,
            assetId: withoutAsset ? null : cmd.assetId,
            locationId: cmd.locationId,
          },
          { idempotencyKey: cmd.idempotencyKey, beforeWrite: ctx.beginWrite },
        );
      } catch (e) {
        if (isMissingAsset(e) && cmd.assetId !== null && !withoutAsset) {
          ctx.logger.warn({ assetId: cmd.assetId }, 'asset no longer in Atlas; asking the technician');
          await deps.questions.ask({
            organizationId: cmd.organizationId,
            conversationId: cmd.conversationId,
            to: cmd.chat,
            audience: 'technician',
            askedPersonId: cmd.requesterId,
            question: assetGone(`asset #${cmd.assetId}`),
            choices: [FILE_WITHOUT_ASSET, CANCEL_REPORT],
            // No answer in time: file without the asset rather than lose the report.
            onExpiry: 'resume',
            resume: createWorkOrderEntry(cmd, answers, `${cmd.idempotencyKey}/asset-question`),
          });
          return 'parked';
        }
        throw e;
      }
      const note = withoutAsset ? ' (filed without the asset)' : '';
      const entries = followUps(cmd, null, { wo, note });
      link = await recordInTransaction(deps.db, cmd, wo, deps.enqueuer.write, entries);
      ctx.logger.info({ workOrderId: wo.id, customId: wo.customId }, 'work order filed');
      await deps.enqueuer.push(entries, { fresh: true });
      await announce(deps, cmd, { ...wo, assignees: toWorkOrderSummary(wo).assignees });
    },

    async onDelayed({ cmd }) {
      await notify(deps, { idempotencyKey: noticeKey.delayed(cmd.idempotencyKey), to: cmd.chat, text: reportDelayed(), conversationId: cmd.conversationId, kind: 'status' }, cmd.organizationId);
    },

    async onPermanent({ cmd }, cause) {
      const text = reportFailed(cause, cmd.title);
      await notify(deps, { idempotencyKey: noticeKey.failed(cmd.idempotencyKey), to: cmd.chat, text, conversationId: cmd.conversationId }, cmd.organizationId);
      if (cmd.conversationId) {
        await deps.oversight.mirror({ organizationId: cmd.organizationId, conversationId: cmd.conversationId, sender: 'system', text });
      }
    },
  };
}

/**
 * Supervisors hear of it (a thread of its own); keyed by the work order, so a retry opens nothing
 * new. Best effort: the report is filed whatever happens here, and must never be reported failed.
 */
async function announce(deps: HandlerDeps, cmd: CreateWorkOrderCommand, wo: FiledFacts): Promise<void> {
  await announceNow(deps, cmd, wo).catch((e: Error) => deps.logger.error({ err: e.message, key: cmd.idempotencyKey }, 'filed, but telling supervisors failed'));
}

type FiledFacts = { id: number; customId: string | null; title: string | null; priority: string | null; status: string | null; asset: { id: number; name: string } | null; location: { id: number; name: string } | null; assignees: string[] };

async function announceNow(deps: HandlerDeps, cmd: CreateWorkOrderCommand, wo: FiledFacts): Promise<void> {
  if (!deps.oversight.workOrderFiled) return;
  await deps.oversight.workOrderFiled({
    organizationId: cmd.organizationId,
    key: cmd.idempotencyKey,
    workOrderId: wo.id,
    customId: customIdOf(wo.customId, wo.id),
    title: wo.title ?? cmd.title,
    description: cmd.description || null,
    priority: (PRIORITIES as readonly string[]).includes(wo.priority ?? '') ? (wo.priority as Priority) : cmd.priority,
    status: isStatus(wo.status) ? wo.status : 'OPEN',
    asset: wo.asset ? { id: wo.asset.id, name: wo.asset.name } : null,
    location: wo.location ? { id: wo.location.id, name: wo.location.name } : null,
    assignees: wo.assignees,
    requesterId: cmd.requesterId,
    conversationId: cmd.conversationId,
    chat: cmd.chat,
  });
}

function lastAnswer(answers: QuestionAnswer[] | undefined): QuestionAnswer | null {
  return answers?.length ? answers[answers.length - 1]! : null;
}

/** The confirmation and the attachments job; derived from the command, so the same every time. */
function followUps(cmd: CreateWorkOrderCommand, link: WorkOrderLink | null, filed: { wo: AtlasWorkOrder; note: string } | null): OutboxEntry[] {
  const id = filed?.wo.id ?? link!.atlasWorkOrderId;
  const customId = customIdOf(filed?.wo.customId ?? link?.atlasCustomId, id);
  const title = filed?.wo.title ?? link?.title ?? cmd.title;
  const entries: OutboxEntry[] = [
    sendEntry(
      { idempotencyKey: noticeKey.filed(cmd.idempotencyKey), to: cmd.chat, text: workOrderFiled(customId, title) + (filed?.note ?? ''), conversationId: cmd.conversationId, kind: 'response' },
      cmd.organizationId,
    ),
  ];
  if (cmd.attachments?.length) {
    entries.push(
      attachFilesEntry({
        idempotencyKey: noticeKey.files(cmd.idempotencyKey),
        organizationId: cmd.organizationId,
        workOrderId: id,
        customId,
        attachments: cmd.attachments,
        notify: cmd.chat,
        conversationId: cmd.conversationId,
        ...(cmd.language ? { language: cmd.language } : {}),
      }),
    );
  }
  return entries;
}

async function recordInTransaction(
  db: Db,
  cmd: CreateWorkOrderCommand,
  wo: AtlasWorkOrder,
  write: HandlerDeps['enqueuer']['write'],
  entries: OutboxEntry[],
): Promise<WorkOrderLink> {
  return db.transaction(async (tx) => {
    const links = createWorkOrderLinkRepository(tx as unknown as Db);
    const link = await links.record({
      organizationId: cmd.organizationId,
      atlasWorkOrderId: wo.id,
      atlasCustomId: wo.customId,
      idempotencyKey: cmd.idempotencyKey,
      requesterId: cmd.requesterId,
      conversationId: cmd.conversationId,
      title: wo.title,
      assetId: wo.asset?.id ?? null,
      priority: wo.priority,
      lastKnownStatus: wo.status,
      lastStatusAt: wo.updatedAt,
      notifyChannel: cmd.chat.channel,
      notifyChatId: cmd.chat.chatId,
      ...(cmd.chat.channel === 'slack' ? { slackChannelId: cmd.chat.chatId, slackThreadTs: cmd.chat.threadId ?? null } : {}),
    });
    await write(tx, entries);
    return link;
  });
}
