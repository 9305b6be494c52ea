/**
 * The Oversight port (src/core/ports.ts) for a real oversight channel: questions for a person
 * open a thread with who asked, what and the context; a work order filed from chat opens a
 * thread of its own with the conversation so far; every later line of the conversation goes to
 * the thread it belongs to (routing.ts); a taken-over person's bot stays quiet.
 */
import { PLATFORM_NAME, STATUS_LABEL } from '../conversation/texts.js';
import { decodeButton } from '../conversation/callback-data.js';
import type { FiledWorkOrder, InlineButton, Oversight, SupervisorQuestion } from '../ports.js';
import { lineMessage } from './cards.js';
import { bounded, CONTEXT_WAIT_MS, sendRoot, type OversightDeps } from './deps.js';
import type { OversightThread, ThreadCard } from './model.js';
import { lineOf, routeLine } from './routing.js';
import { ot } from './texts.js';

const HISTORY_LINES = 8;
const TRANSCRIPT_LINES = 20;

export type FullOversight = Required<Oversight>;

export function createOversight(deps: OversightDeps): FullOversight {
  const log = deps.logger.child({ component: 'oversight' });

  async function history(conversationId: string, opts: { limit: number; since?: Date | null }, requester: string): Promise<string[]> {
    const lines = await deps.lines.recent(conversationId, opts);
    return lines.map((l) => lineOf(l.sender, l.text.replace(/\s*\n+\s*/g, ' · '), requester));
  }

  async function openWorkOrdersOf(personId: string): Promise<string[] | undefined> {
    const read = async () => {
      const ids = (await deps.filed.filedBy(personId, 20)).map((f) => f.workOrderId);
      const wos = ids.length ? await deps.reader.byIds(ids) : [];
      return wos.filter((w) => w.status !== 'COMPLETE').slice(0, 5).map((w) => `${w.customId} ${w.title} – ${STATUS_LABEL[w.status]}`);
    };
    return bounded(read(), CONTEXT_WAIT_MS, undefined);
  }

  async function askSupervisor(q: SupervisorQuestion): Promise<{ delivered: boolean }> {
    const topic = q.questionId ? 'decision' : (q.topic ?? 'question');
    const conv = await deps.people.ofConversation(q.conversationId);
    const personId = conv?.personId ?? null;
    if (personId && (topic === 'question' || topic === 'not_understood')) {
      // One open question per person: the new message is already mirrored into it.
      const [open] = (await deps.threads.openQuestionsOf(personId)).filter((t) => t.topic === 'question' || t.topic === 'not_understood');
      if (open) return { delivered: true };
    }
    const report = q.report ?? null;
    const draft = report?.draft as { text?: string; priority?: string } | undefined;
    const requester = (personId ? await deps.people.name(personId) : null) ?? q.requesterName;
    const card: ThreadCard = {
      requester,
      platform: PLATFORM_NAME[q.replyTo.channel],
      question: topic === 'which_asset' && typeof draft?.text === 'string' ? draft.text : q.text,
      history: await bounded(history(q.conversationId, { limit: HISTORY_LINES }, requester), CONTEXT_WAIT_MS, []),
      ...(report ? { candidates: report.candidates, mention: report.mention } : {}),
      ...(q.choices?.length ? { choices: q.choices } : {}),
    };
    const openWos = personId ? await openWorkOrdersOf(personId) : undefined;
    if (openWos) card.openWorkOrders = openWos;
    const openedBy = `ask/${q.key ?? (q.questionId ? `q/${q.questionId}` : `${q.conversationId}/${deps.clock.now().getTime()}`)}`;
    const { thread, created } = await deps.threads.open({
      openedBy,
      organizationId: q.organizationId,
      kind: 'question',
      topic,
      personId,
      conversationId: q.conversationId,
      techChat: q.replyTo,
      workOrderId: null,
      questionId: q.questionId ?? null,
      channelId: deps.channelId,
      card,
      report: report?.draft ?? null,
      priority: topic === 'which_asset' && (draft?.priority === 'HIGH' || draft?.priority === 'MEDIUM' || draft?.priority === 'LOW') ? draft.priority : null,
    });
    // Sent under a fixed key: asking again (a retried delivery) posts nothing new.
    await sendRoot(deps, thread, `ov/${thread.id}/root/0`);
    if (created) log.info({ threadId: thread.id, topic }, 'question handed to supervisors');
    return { delivered: true };
  }

  async function workOrderFiled(f: FiledWorkOrder): Promise<void> {
    const requester = (await deps.people.name(f.requesterId)) ?? 'A technician';
    const asset = f.asset ? `${f.asset.name}${f.location ? ` · ${f.location.name}` : ''}` : null;
    const { thread, created } = await deps.threads.open({
      openedBy: `wo/${f.organizationId}/${f.workOrderId}`,
      organizationId: f.organizationId,
      kind: 'work_order',
      topic: 'work_order',
      personId: f.requesterId,
      conversationId: f.conversationId,
      techChat: f.chat,
      workOrderId: f.workOrderId,
      questionId: null,
      channelId: deps.channelId,
      card: {
        requester,
        platform: PLATFORM_NAME[f.chat.channel],
        workOrder: {
          id: f.workOrderId, customId: f.customId, title: f.title, description: f.description, asset,
          priority: f.priority, status: f.status, assignees: f.assignees, url: deps.atlas?.workOrderUrl(f.workOrderId) ?? null,
        },
      },
      report: null,
      priority: f.priority,
    });
    await sendRoot(deps, thread, `ov/${thread.id}/root/0`);
    if (!f.conversationId) return;
    // The conversation that led to it, from where the previous thread of this conversation began.
    const others = (await deps.threads.ofConversation(f.conversationId)).filter((t) => t.id !== thread.id && t.createdAt <= thread.createdAt);
    const since = others.find((t) => t.kind === 'work_order')?.createdAt ?? null;
    const lines = await history(f.conversationId, { limit: TRANSCRIPT_LINES, since }, requester);
    if (lines.length) await deps.dispatcher.send(lineMessage(thread, deps.channel, ot.transcript(lines), `ov/${thread.id}/transcript`));
    // A "which machine?" question of this conversation is answered by the filing.
    for (const q of others.filter((t) => t.topic === 'which_asset' && !t.resolvedAt)) {
      const done = await deps.threads.change(q.id, { resolvedAt: deps.clock.now(), card: { resolved: ot.filedHere(f.customId) } });
      if (!done) continue;
      await sendRoot(deps, done, `ov/${q.id}/root/filed/${f.workOrderId}`);
      await deps.dispatcher.send(lineMessage(q, deps.channel, ot.filedHere(f.customId), `ov/${q.id}/filed/${f.workOrderId}`));
    }
    if (created) log.info({ threadId: thread.id, workOrderId: f.workOrderId }, 'work order thread opened');
  }

  return {
    askSupervisor,
    workOrderFiled,

    /** Something for supervisors that belongs to no conversation: a plain line in the oversight channel, once per key. */
    async notifySupervisors(notice) {
      await deps.dispatcher.send({ idempotencyKey: `ov/notice/${notice.key}`, to: { channel: deps.channel, chatId: deps.channelId }, text: notice.text, conversationId: null, kind: 'status' });
      return { delivered: true };
    },

    async mirror(entry) {
      const thread = await routeLine(deps, entry.conversationId);
      if (!thread) return;
      // A work order's own status changes reach its thread through workOrderStatus, with the right work order.
      if (entry.kind === 'status' && thread.kind === 'work_order') return;
      const text = lineOf(entry.sender, entry.text, thread.card.requester);
      // Answers to a parked job's question can be given from the thread too; the flow's own buttons stay the technician's.
      const buttons = (entry.buttons ?? []).map((row) => row.filter((b) => decodeButton(b.data)?.kind === 'question')).filter((row) => row.length > 0);
      const key = `ov/${thread.id}/m/${entry.key ?? `${entry.sender}/${deps.clock.now().getTime()}`}`;
      await deps.dispatcher.send(lineMessage(thread, deps.channel, text, key, { buttons: buttons as InlineButton[][] }));
    },

    async takenOver({ personId }) {
      const thread = await deps.threads.takenOverOf(personId);
      return thread ? { by: thread.card.takenOverBy ?? 'A supervisor' } : null;
    },

    async workOrderStatus(change) {
      const thread = await deps.threads.ofWorkOrder(change.organizationId, change.workOrderId);
      if (!thread?.card.workOrder) return;
      const updated = await deps.threads.change(thread.id, { card: { workOrder: { ...thread.card.workOrder, status: change.status } } });
      if (updated) await sendRoot(deps, updated, `${change.key}/ov-root`);
      await deps.dispatcher.send(lineMessage(thread, deps.channel, ot.statusNow(change.customId, change.status), `${change.key}/ov-line`));
    },
  };
}

export type { OversightThread };
