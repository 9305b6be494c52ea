/**
 * What a supervisor's reply or action in the oversight channel means. Only the configured channel
 * is acted on, and anyone acting there is recorded as a supervisor. A reply goes to the technician
 * of its thread, and to nobody else: in a question's thread by default, in a work order's thread
 * only when it starts with ">>" (or through "Send to technician"), so internal chatter never
 * leaks. Controls on a thread's first message change the work order (as a durable job), take the
 * technician over or hand them back, pick the machine of a waiting report, or answer a job's question.
 */
import type { PlatformIdentity } from '../conversation/stores.js';
import type { Logger } from '../ports.js';
import { lineMessage, noteMessage } from './cards.js';
import { decodeControl, type Control } from './controls.js';
import { sendRoot, type OversightDeps } from './deps.js';
import { machineChosen, priorityChanged, questionAnswered } from './feedback.js';
import type { OversightThread, Supervisor } from './model.js';
import { ot, tt } from './texts.js';
import { inLanguage } from '../texts/index.js';

/** ">> text" (also "> > text") sends a reply in a work order's thread to the technician. */
const MARKER = /^\s*>\s*>\s*/;

export interface SupervisorInput {
  /** The supervisor's account on the oversight platform. */
  who: PlatformIdentity;
  /** Where: the channel, the thread (its first message's id) and the message a control was on. */
  where: { chatId: string; threadId: string | null; messageId?: string | null; ephemeral?: boolean };
  /** Unique per delivery, stable across redeliveries. */
  eventKey: string;
  log?: Logger;
}

export interface SupervisorDesk {
  reply(input: SupervisorInput & { text: string }): Promise<void>;
  act(input: SupervisorInput & { data: string; label?: string | null }): Promise<void>;
  /** "Send to technician" on a message of a thread; `fromBot` when Rivet or another app wrote it. */
  relay(input: SupervisorInput & { text: string; fromBot: boolean }): Promise<void>;
}

export function createSupervisorDesk(deps: OversightDeps): SupervisorDesk {
  const base = deps.logger.child({ component: 'supervisor-desk' });

  function context(input: SupervisorInput) {
    const log = input.log ?? base.child({ eventKey: input.eventKey });
    let n = 0;
    const note = (text: string) => deps.dispatcher.send(noteMessage(deps.channel, input.where, input.who.externalId, text, `ov/note/${input.eventKey}/${n++}`));
    return { log, note, inChannel: input.where.chatId === deps.channelId };
  }

  /** What the technician of the thread is told, in their language. */
  async function inTheirLanguage(thread: OversightThread, text: () => string): Promise<string> {
    const lang = thread.personId ? await deps.people.language(thread.personId).catch(() => 'en' as const) : 'en';
    return inLanguage(lang, text);
  }

  async function touch(thread: OversightThread): Promise<void> {
    await deps.threads.change(thread.id, { touchedAt: deps.clock.now() });
  }

  async function relayTo(thread: OversightThread, sup: Supervisor, text: string, key: string, note: (t: string) => Promise<void>, confirm: boolean): Promise<void> {
    if (!thread.techChat) return note(ot.noTechnicianChat);
    await deps.dispatcher.send({ idempotencyKey: `ov/${thread.id}/relay/${key}`, to: thread.techChat, text: await inTheirLanguage(thread, () => tt.fromSupervisor(sup.name, text)), kind: 'response' });
    if (confirm) await note(ot.sentTo(thread.card.requester));
  }

  async function answerQuestion(thread: OversightThread, sup: Supervisor, answer: string, result: () => Promise<keyof typeof ot.questionAnswer>, key: string, note: (t: string) => Promise<void>) {
    const r = await result();
    if (r !== 'resumed') return note(ot.questionAnswer[r]);
    const done = await deps.threads.change(thread.id, { resolvedAt: deps.clock.now(), card: { resolved: ot.answeredBy(sup.name, answer) } });
    if (done) await sendRoot(deps, done, `ov/${thread.id}/root/answered/${key}`);
  }

  async function control(c: Control, thread: OversightThread, sup: Supervisor, input: SupervisorInput, note: (t: string) => Promise<void>, log: Logger): Promise<void> {
    const key = input.eventKey;
    switch (c.type) {
      case 'priority':
      case 'assign':
      case 'complete': {
        if (thread.kind !== 'work_order' || thread.workOrderId === null) return note(ot.notForWorkOrder);
        const change = c.type === 'priority' ? { kind: 'priority' as const, priority: c.priority } : c.type === 'assign' ? { kind: 'assign' as const, userId: c.userId } : { kind: 'complete' as const };
        await deps.jobs.edit({ key: `ov-edit/${key}`, organizationId: thread.organizationId, threadId: thread.id, workOrderId: thread.workOrderId, by: { personId: sup.personId, name: sup.name }, change });
        log.info({ threadId: thread.id, change: change.kind }, 'supervisor change queued');
        if (c.type === 'priority') await priorityChanged(deps, thread, sup, c.priority, key, log);
        return;
      }
      case 'take_over': {
        if (!thread.personId || !thread.techChat) return note(ot.noTechnician);
        const current = await deps.threads.takenOverOf(thread.personId);
        if (current) return note(ot.alreadyTakenOver(current.card.takenOverBy ?? 'A supervisor'));
        const taken = await deps.threads.takeOver(thread.id, { personId: sup.personId, name: sup.name }, null);
        if (!taken) return note(ot.alreadyTakenOver('Another supervisor'));
        await sendRoot(deps, taken, `ov/${thread.id}/root/take/${key}`);
        await deps.dispatcher.send(lineMessage(thread, deps.channel, ot.tookOver(sup.name, thread.card.requester), `ov/${thread.id}/take/${key}`));
        await deps.dispatcher.send({ idempotencyKey: `ov/${thread.id}/take/${key}/tech`, to: thread.techChat, text: await inTheirLanguage(thread, () => tt.techTakenOver(sup.name)), kind: 'response' });
        return;
      }
      case 'hand_back': {
        if (!thread.takenOverBy) return note(ot.notTakenOver);
        const back = await deps.threads.takeOver(thread.id, null, thread.takenOverBy);
        if (!back) return note(ot.notTakenOver);
        await sendRoot(deps, back, `ov/${thread.id}/root/back/${key}`);
        await deps.dispatcher.send(lineMessage(thread, deps.channel, ot.handedBack(sup.name, thread.card.requester), `ov/${thread.id}/back/${key}`));
        if (thread.techChat) await deps.dispatcher.send({ idempotencyKey: `ov/${thread.id}/back/${key}/tech`, to: thread.techChat, text: await inTheirLanguage(thread, () => tt.techHandedBack(sup.name)), kind: 'response' });
        return;
      }
      case 'pick':
      case 'no_machine':
        return pick(thread, sup, c.type === 'pick' ? c.assetId : null, input, note);
      case 'resolve': {
        if (thread.kind !== 'question') return note(ot.notForQuestion);
        if (thread.resolvedAt) return note(ot.alreadyResolved);
        const done = await deps.threads.change(thread.id, { resolvedAt: deps.clock.now(), card: { resolved: ot.resolvedBy(sup.name) } });
        if (done) await sendRoot(deps, done, `ov/${thread.id}/root/resolved/${key}`);
        return;
      }
    }
  }

  /** The supervisor chose the machine of a waiting report: it continues in the technician's conversation. */
  async function pick(thread: OversightThread, sup: Supervisor, assetId: number | null, input: SupervisorInput, note: (t: string) => Promise<void>): Promise<void> {
    if (thread.topic !== 'which_asset' || !thread.report) return note(ot.notForQuestion);
    if (thread.resolvedAt || thread.card.picked) return note(ot.alreadyResolved);
    const asset = assetId === null ? null : deps.assets.get(assetId);
    if (assetId !== null && !asset) return note(ot.assetGone);
    const who = thread.personId && thread.techChat ? await deps.people.identityOf(thread.personId, thread.techChat.channel) : null;
    if (!who || !thread.techChat) return note(ot.noTechnician);
    const conv = thread.conversationId ? await deps.people.ofConversation(thread.conversationId) : null;
    const key = conv?.key ?? thread.techChat.chatId;
    const label = asset ? `${asset.name}${asset.location ? ` · ${asset.location.name}` : ''}` : null;
    const picked = label ? ot.pickedState(sup.name, label, thread.card.requester) : ot.noMachineState(sup.name, thread.card.requester);
    const updated = await deps.threads.change(thread.id, { card: { picked } });
    if (updated) await sendRoot(deps, updated, `ov/${thread.id}/root/pick/${input.eventKey}`);
    await machineChosen(deps, thread, sup, asset && label ? { id: asset.id, label } : null, input.eventKey, input.log ?? deps.logger);
    await deps.engine.handle({
      who,
      where: { chat: thread.techChat, conversationKey: key, group: key !== thread.techChat.chatId },
      eventKey: input.eventKey,
      description: label ? `[${sup.name} (supervisor) picked ${label}]` : `[${sup.name} (supervisor): file it without a machine]`,
      event: { type: 'asset_picked', draft: thread.report, assetId: asset ? asset.id : null, by: sup.name },
      origin: 'supervisor',
      ...(input.log ? { log: input.log } : {}),
    });
  }

  return {
    async reply(input) {
      const { log, note, inChannel } = context(input);
      if (!inChannel || !input.where.threadId) return log.debug({}, 'not a reply in an oversight thread; ignored');
      const thread = await deps.threads.byRoot(input.where.chatId, input.where.threadId);
      if (!thread) return log.info({ threadTs: input.where.threadId }, 'reply in a thread Rivet does not know; ignored');
      const sup = await deps.people.enlist(deps.organizationId, input.who);
      await touch(thread);
      const marked = MARKER.exec(input.text);
      const text = marked ? input.text.slice(marked[0].length).trim() : input.text.trim();
      if (!text) return;
      if (thread.questionId && !thread.resolvedAt && deps.questions) {
        const desk = deps.questions;
        return answerQuestion(thread, sup, text, () => desk.answer({ questionId: thread.questionId!, answer: text, answeredBy: sup.personId }), input.eventKey, note);
      }
      if (thread.kind === 'question' && !thread.resolvedAt) {
        await questionAnswered(deps, thread, sup, text, log);
        return relayTo(thread, sup, text, input.eventKey, note, false);
      }
      if (marked) return relayTo(thread, sup, text, input.eventKey, note, true);
      if (thread.kind === 'question') return note(ot.notSentResolved(thread.card.requester));
      log.debug({ threadId: thread.id }, 'internal reply; not sent to the technician');
    },

    async act(input) {
      const { log, note, inChannel } = context(input);
      if (!inChannel) return log.info({ chatId: input.where.chatId }, 'control used outside the oversight channel; ignored');
      const sup = await deps.people.enlist(deps.organizationId, input.who);
      if (input.data.startsWith('q:')) {
        const root = input.where.threadId ?? input.where.messageId ?? null;
        const thread = root ? await deps.threads.byRoot(input.where.chatId, root) : null;
        const answered = () => (deps.questions ? deps.questions.answerButton({ data: input.data, answeredBy: sup.personId }) : Promise.resolve('unknown' as const));
        if (!thread) return note(ot.questionAnswer[await answered()]);
        await touch(thread);
        if (thread.topic !== 'decision') return note(ot.questionAnswer[await answered()]);
        return answerQuestion(thread, sup, input.label ?? 'an option', answered, input.eventKey, note);
      }
      const c = decodeControl(input.data);
      if (!c) return log.info({ data: input.data.slice(0, 80) }, 'unknown control; ignored');
      const thread = await deps.threads.get(c.threadId);
      // The thread named must live in this channel and, on a thread's own message, be that thread.
      const onOwn = input.where.ephemeral || !thread?.rootMessageId || [input.where.messageId, input.where.threadId].includes(thread.rootMessageId);
      if (!thread || thread.channelId !== input.where.chatId || !onOwn) {
        log.warn({ threadId: c.threadId }, 'control names a thread that is not here; refused');
        return note(ot.threadGone);
      }
      await touch(thread);
      await control(c, thread, sup, input, note, log);
    },

    async relay(input) {
      const { log, note, inChannel } = context(input);
      if (!inChannel) return log.info({ chatId: input.where.chatId }, '"Send to technician" outside the oversight channel; ignored');
      const thread = input.where.threadId ? await deps.threads.byRoot(input.where.chatId, input.where.threadId) : null;
      if (!thread) return note(ot.notAThread);
      if (input.fromBot) return note(ot.onlySupervisorWords);
      const sup = await deps.people.enlist(deps.organizationId, input.who);
      await touch(thread);
      const text = input.text.replace(MARKER, '').trim();
      if (!text) return;
      await relayTo(thread, sup, text, input.eventKey, note, true);
    },
  };
}
