/**
 * A status seen in Atlas (webhook, poll, or Rivet's own change) reaches the requester once:
 * the compare-and-set on work_order_links.last_known_status and the notice's outbox row are
 * written in one transaction, so webhook + poll never double-notify and a crash never loses it.
 * A change Rivet itself is making (a changeStatus job still live) is told by that job's
 * confirmation: a poll or webhook that sees it first stays quiet towards that chat.
 */
import { inLanguage, languageOfPerson } from '../../core/texts/index.js';
import { statusChanged, customIdOf } from '../../core/notices.js';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '../../core/model.js';
import type { ChatAddress } from '../../core/ports.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { outbox } from '../../db/schema.js';
import { createWorkOrderStatusRepository } from '../../db/repositories/work-order-status.js';
import type { WorkOrderLink } from '../../db/repositories/work-order-links.js';
import type { OutboxEntry } from '../../db/repositories/outbox.js';
import { sendEntry } from '../entries.js';
import { noticeKey } from '../names.js';
import type { HandlerDeps } from './deps.js';

export interface StatusSeen {
  workOrderId: number;
  status: WorkOrderStatus;
  customId: string | null;
  /** Atlas's updatedAt of the work order (or when the event occurred). */
  at: Date;
}

export function isStatus(s: unknown): s is WorkOrderStatus {
  return typeof s === 'string' && (WORK_ORDER_STATUSES as readonly string[]).includes(s);
}

/** Records the status; true when it was news and the requester is being told. */
export async function applyStatus(
  deps: Pick<HandlerDeps, 'db' | 'repos' | 'enqueuer' | 'organizationId' | 'logger'> & { oversight?: HandlerDeps['oversight'] },
  seen: StatusSeen,
  opts: { notify: boolean } = { notify: true },
): Promise<boolean> {
  const link = await deps.repos.workOrderLinks.byAtlasId(deps.organizationId, seen.workOrderId);
  if (!link) return false;
  // The requester hears it in their language, whatever started the change.
  const lang = link.requesterId ? languageOfPerson(await deps.repos.users.get(link.requesterId)) : 'en';
  let entries: OutboxEntry[] = [];
  const changed = await deps.db.transaction(async (tx) => {
    const advanced = await createWorkOrderStatusRepository(tx).advance(link.id, seen.status, seen.at);
    if (!advanced) return false;
    const confirming = opts.notify ? await chatsConfirmingChange(tx as unknown as Db, seen) : new Set<string>();
    entries = opts.notify ? inLanguage(lang, () => statusNotices(advanced, seen)).filter((e) => !confirming.has(chatOf(e))) : [];
    await deps.enqueuer.write(tx as unknown as Db, entries);
    return true;
  });
  if (changed) {
    deps.logger.info({ workOrderId: seen.workOrderId, status: seen.status, notified: entries.length > 0 }, 'work order status changed');
    await deps.enqueuer.push(entries, { fresh: true });
    // The work order's supervisor thread hears it too (best effort: the requester's notice is what must not be lost).
    await deps.oversight?.workOrderStatus?.({
      organizationId: link.organizationId, workOrderId: seen.workOrderId, customId: customIdOf(seen.customId ?? link.atlasCustomId, link.atlasWorkOrderId),
      status: seen.status, key: noticeKey.status(link.id, seen.status, seen.at),
    }).catch((e: Error) => deps.logger.warn({ err: e.message, workOrderId: seen.workOrderId }, 'telling the supervisor thread failed'));
  }
  return changed;
}

const chatOf = (e: OutboxEntry) => {
  const to = (e.payload as { message?: { to?: ChatAddress } }).message?.to;
  return to ? `${to.channel}:${to.chatId}` : '';
};

/** Chats that a live changeStatus job to this very status will confirm to. */
async function chatsConfirmingChange(db: Db, seen: StatusSeen): Promise<Set<string>> {
  const rows = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        eq(outbox.name, 'changeStatus'),
        inArray(outbox.status, ['pending', 'enqueued', 'running']),
        sql`${outbox.payload}->'cmd'->>'workOrderId' = ${String(seen.workOrderId)}`,
        sql`${outbox.payload}->'cmd'->>'status' = ${seen.status}`,
      ),
    );
  return new Set(rows.map((r) => {
    const chat = (r.payload as { cmd: { chat: ChatAddress } }).cmd.chat;
    return `${chat.channel}:${chat.chatId}`;
  }));
}

function statusNotices(link: WorkOrderLink, seen: StatusSeen): OutboxEntry[] {
  const text = statusChanged(customIdOf(seen.customId ?? link.atlasCustomId, link.atlasWorkOrderId), seen.status);
  const key = noticeKey.status(link.id, seen.status, seen.at);
  const out: OutboxEntry[] = [];
  if (link.notifyChannel && link.notifyChatId) {
    const to: ChatAddress = { channel: link.notifyChannel as ChatAddress['channel'], chatId: link.notifyChatId };
    out.push(sendEntry({ idempotencyKey: key, to, text, conversationId: link.conversationId, kind: 'status' }, link.organizationId));
  }
  // A Slack thread of its own (the report came from elsewhere) hears it too; the requester's
  // conversation is mirrored to its supervisor thread by the send job.
  if (link.slackChannelId && link.slackThreadTs && link.notifyChannel !== 'slack') {
    out.push(sendEntry({ idempotencyKey: `${key}/slack`, to: { channel: 'slack', chatId: link.slackChannelId, threadId: link.slackThreadTs }, text, kind: 'status' }, link.organizationId));
  }
  return out;
}

/** Reads an Atlas webhook body (§9.4) into a status, when it carries one. */
export function statusFromAtlasEvent(body: unknown): { workOrderId: number; status: WorkOrderStatus | null; customId: string | null; at: Date | null } | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const wo = (b.changedWorkOrder ?? b.newWorkOrder ?? b.triggeredWorkOrder) as Record<string, unknown> | null | undefined;
  const id = typeof b.workOrderId === 'number' ? b.workOrderId : typeof wo?.id === 'number' ? wo.id : null;
  if (id === null) return null;
  const status = isStatus(b.newStatus) ? b.newStatus : isStatus(wo?.status) ? wo.status : null;
  const customId = typeof wo?.customId === 'string' ? wo.customId : null;
  const at = parseDate(wo?.updatedAt) ?? parseDate(b.occurredAt);
  return { workOrderId: id, status, customId, at };
}

function parseDate(v: unknown): Date | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
