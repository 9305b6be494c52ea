/**
 * The conversation state machine. Given what is pending in a chat and what just arrived
 * (a text, a button tap, a photo, a QR deep link) it decides replies, durable commands and
 * the next pending state. It reads through ports and never writes: the caller saves the state
 * (with its version check) before running the commands, so a double tap acts once.
 */
import { ALLOWED } from '../access/index.js';
import type { AttachmentRef } from '../ports.js';
import { tierLimits } from '../tiers.js';
import { convTag, type ButtonPayload, type FlowAction } from './callback-data.js';
import { draftFrom, emptyDraft, hasDraft, outcome, owner, resolveContext, say } from './kit.js';
import { checkExisting, confirmCard, create, priorityPicker, proceed, titleEditor, typedTitle, withAsset } from './report.js';
import { observe, saidOf } from '../observe/index.js';
import { assetChosen, cardCancelled, noneChosen } from './feedback.js';
import { applyShortcuts } from './shortcuts.js';
import { ask, bareNumber, clarify, CLEAR_QUESTION, isGuess, loneNumber, whatNumberIs } from './clarify.js';
import { makeTitle } from '../understanding/title.js';
import { pendingName, t } from './texts.js';
import type { Draft, FlowContext, FlowDeps, FlowInterpretation, FlowState, Meaning, Outcome } from './types.js';
import { applyStatus, changeStatus, comment, denialText, listMine, showStatus, startComment, startStatusChange } from './work-orders.js';

/** Longer texts are cut before interpretation (Telegram itself allows 4096). */
export const MAX_TEXT = 2_000;
const MIN_HANDOFF_CONFIDENCE = 0.5;
const THANKS = /thank|thx|ty\b|cheers|gracias|obrigad|danke/i;
const SIDE_INTENTS = new Set(['check_status', 'list_work_orders', 'update_status', 'add_comment', 'help']);

export interface ConversationFlow {
  text(ctx: FlowContext, text: string, attachments?: AttachmentRef[]): Promise<Outcome>;
  button(ctx: FlowContext, payload: Extract<ButtonPayload, { kind: 'flow' }>): Promise<Outcome>;
  media(ctx: FlowContext, attachment: AttachmentRef, caption: string | null): Promise<Outcome>;
  reportOnAsset(ctx: FlowContext, assetId: number): Promise<Outcome>;
  assetPicked(ctx: FlowContext, draft: Draft, assetId: number | null, by: string): Promise<Outcome>;
  cancel(ctx: FlowContext): Outcome;
  mine(ctx: FlowContext): Promise<Outcome>;
  status(ctx: FlowContext, number: number | null): Promise<Outcome>;
  /** The notice for a pending step that expired while the chat was idle. */
  expired(state: unknown): string | null;
}

export function createConversationFlow(deps: FlowDeps): ConversationFlow {
  /** A new report, or its Create tap: the person's plan may refuse it (read-only, the month's reports used up). */
  async function refusedByPlan(ctx: FlowContext, edit = false): Promise<Outcome | null> {
    const decision = await deps.access.mayFile(ctx.actor, ctx.now);
    return decision === ALLOWED ? null : outcome({ replies: [say(denialText(decision.denied, null), { edit })] });
  }

  async function fresh(ctx: FlowContext, text: string, i: FlowInterpretation, attachments: AttachmentRef[]): Promise<Outcome> {
    // A reading below the calibrated line is a guess (right about six times in ten): ask which it is
    // with the likeliest meanings as buttons, rather than act on it.
    // Nothing but a number: what exists says whether it is a work order or a machine.
    const lone = loneNumber(text);
    if (lone !== null) return (await settleNumber(ctx, text, lone)) ?? showStatus(ctx, deps, lone);
    const number = i.workOrderNumber ?? bareNumber(text);
    if (isGuess(i, number)) {
      const asked = await clarify(ctx, deps, text, i, number);
      if (asked) return asked;
    }
    switch (i.intent) {
      case 'create_work_order': {
        const refused = await refusedByPlan(ctx);
        if (refused) return refused;
        const draft = { ...draftFrom(i, text, { attachments }), said: saidOf(ctx.eventKey, text, i) };
        return proceed(ctx, deps, draft, i.asset ? { text: i.asset.mention, resolution: i.asset.resolution } : null);
      }
      case 'check_status': {
        // "2250" alone: a work order, or the asset or room with that number? What exists says.
        const settled = i.workOrderNumber !== null && bareNumber(text) === i.workOrderNumber ? await settleNumber(ctx, text, i.workOrderNumber) : null;
        return settled ?? showStatus(ctx, deps, i.workOrderNumber);
      }
      case 'list_work_orders':
        return listMine(ctx, deps);
      case 'update_status':
        return startStatusChange(ctx, deps, i.workOrderNumber, i.status);
      case 'add_comment':
        return startComment(ctx, deps, i.workOrderNumber, commentText(i, text), attachments);
      case 'ask_human': {
        // Ask the person first when the message may mean something Rivet can do ("hows 2250 coming along").
        const number = i.workOrderNumber ?? bareNumber(text);
        const asked = await clarify(ctx, deps, text, i, number);
        if (asked) return asked;
        // An unclear message about a number that is no work order of theirs, nor a machine's: say so, as a status check would.
        if (number !== null && i.confidence < CLEAR_QUESTION) return outcome({ replies: [say(t.notFound(number))] });
        return handOver(ctx, text, i);
      }
      case 'help':
        return outcome({ replies: [say(t.help)] });
      case 'cancel':
        return cancel(ctx);
      case 'smalltalk':
        return outcome({ replies: [say(THANKS.test(text) ? t.thanks : t.smalltalk(ctx.user.name))] });
    }
  }

  /**
   * A question for a person goes to a supervisor; the understanding layer's "no idea" (a
   * low-confidence ask_human) too, since a person may still make sense of it. With none connected,
   * the person hears how to reach one.
   */
  async function handOver(ctx: FlowContext, text: string, i: { confidence: number }, opts: { edit?: boolean } = {}): Promise<Outcome> {
    const understood = i.confidence >= MIN_HANDOFF_CONFIDENCE;
    const r = await deps.askSupervisor({
      conversationId: ctx.conversation.id, requesterName: ctx.user.name, text, replyTo: ctx.chat,
      key: ctx.eventKey, topic: understood ? 'question' : 'not_understood',
    });
    const handover = { type: 'handover' as const, topic: understood ? ('question' as const) : ('not_understood' as const), delivered: r.delivered };
    const contact = deps.supervisorContact ?? null;
    const edit = opts.edit ?? false;
    if (!understood) return observe(outcome({ replies: [say(r.delivered ? t.notUnderstoodAsked : t.notUnderstoodNoSupervisor(contact), { edit })] }), handover);
    return observe(outcome({ replies: [say(r.delivered ? t.supervisorAsked : t.noSupervisor(contact), { edit })] }), handover);
  }

  /**
   * A bare number that may be a work order or an asset's number: the open work order the person may
   * see, or a report on the one asset with that number; both: ask. Null: neither (or several assets).
   */
  async function settleNumber(ctx: FlowContext, text: string, n: number): Promise<Outcome | null> {
    const { workOrder, assets } = await whatNumberIs(ctx, deps, n);
    const asset = assets.length === 1 ? assets[0]! : null;
    if (workOrder && asset) return ask(ctx, text, ['status', 'report'], n, asset, { prompt: t.clarifyNumber(n) });
    if (workOrder) return outcome({ replies: [say(t.statusCard(workOrder))] });
    if (asset) return reportOnAsset(ctx, asset.id);
    return null;
  }

  /** The tap on one meaning of the clarifying question. */
  async function meant(ctx: FlowContext, st: Extract<FlowState, { kind: 'clarify' }>, meaning: Meaning): Promise<Outcome> {
    const edited = (o: Outcome): Outcome => ({ ...o, state: o.state === undefined ? null : o.state, replies: o.replies.map((r, k) => (k === 0 ? { ...r, edit: true } : r)) });
    switch (meaning) {
      case 'status':
        return edited(await showStatus(ctx, deps, st.number));
      case 'mine':
        return edited(await listMine(ctx, deps));
      case 'human':
        return edited(await handOver(ctx, st.text, { confidence: 1 }));
      case 'report': {
        const refused = await refusedByPlan(ctx, true);
        if (refused) return { ...refused, state: null };
        const asset = st.assetId !== null ? deps.asset(st.assetId) : undefined;
        const base = { ...ctx, conversation: { ...ctx.conversation, state: null } };
        if (asset) return edited(await reportOnAsset(base, asset.id));
        const i = await deps.understand(st.text, resolveContext(ctx));
        if (!i.asset) {
          return outcome({ state: { ...owner(ctx), kind: 'await_description', draft: emptyDraft() }, replies: [say(t.askDescription(null), { edit: true })] });
        }
        const draft = { ...draftFrom({ ...i, title: makeTitle(st.text, { mention: i.asset.mention }) }, st.text), said: saidOf(ctx.eventKey, st.text, i) };
        return proceed(ctx, deps, draft, { text: i.asset.mention, resolution: i.asset.resolution }, { edit: true });
      }
    }
  }

  /** A message on the side of a pending step, answered plainly. */
  async function aside(ctx: FlowContext, said: string, i: FlowInterpretation, attachments: AttachmentRef[]): Promise<Outcome> {
    switch (i.intent) {
      case 'smalltalk':
        return outcome({ replies: THANKS.test(said) ? [say(t.thanks)] : [] });
      case 'ask_human':
        return i.confidence >= MIN_HANDOFF_CONFIDENCE ? handOver(ctx, said, i) : outcome({ replies: [say(t.notUnderstoodPending)] });
      case 'check_status':
        return showStatus(ctx, deps, i.workOrderNumber);
      default: {
        const o = await fresh(ctx, said, i, attachments);
        return { ...o, state: undefined };
      }
    }
  }

  function cancel(ctx: FlowContext): Outcome {
    const st = ctx.conversation.state;
    if (!st) return outcome({ replies: [say(t.nothingToCancel)] });
    return observe(outcome({ state: null, replies: [say(t.cancelled)] }), st.kind === 'confirm_create' ? cardCancelled(ctx, st.draft) : null);
  }

  /** A text arriving while a step waits for typed input (a description, a name, a note). */
  async function answerPending(ctx: FlowContext, st: FlowState, text: string, i: FlowInterpretation, attachments: AttachmentRef[]): Promise<Outcome | null> {
    switch (st.kind) {
      case 'await_description': {
        // "status 42" or "my work orders" is a question on the side, not the description.
        if (i.intent !== 'create_work_order' && SIDE_INTENTS.has(i.intent) && i.confidence >= 0.6) return null;
        let draft: Draft = { ...draftFrom(i, text, st.draft), attachments: [...st.draft.attachments, ...attachments], said: saidOf(ctx.eventKey, text, i) };
        // Reporting on a known machine (a QR sticker): the title names it.
        const known = draft.assetId !== null ? deps.asset(draft.assetId) : undefined;
        if (known) draft = withAsset(draft, known);
        return proceed(ctx, deps, draft, i.asset ? { text: i.asset.mention, resolution: i.asset.resolution } : null);
      }
      case 'await_asset': {
        // A whole new report with its own asset wins; otherwise the text names the machine.
        if (i.intent === 'create_work_order' && i.asset?.resolution?.decision === 'resolved' && text.length > 40) return null;
        if (SIDE_INTENTS.has(i.intent) && i.confidence >= 0.6) return null;
        const draft = { ...st.draft, attachments: [...st.draft.attachments, ...attachments] };
        return proceed(ctx, deps, draft, { text, resolution: null }, { tries: st.tries });
      }
      case 'closing_note':
        return changeStatus(ctx, st.workOrder, 'COMPLETE', text, false);
      case 'confirm_create':
        return st.editingTitle ? typedTitle(ctx, st.draft, text) : null;
      case 'await_comment':
        return comment(ctx, st.workOrder, text, [...st.attachments, ...attachments], `cm:${ctx.conversation.id}:${ctx.conversation.version}`, false);
      case 'await_wo_number': {
        const n = /^\s*(?:wo)?\s*#?0*(\d{1,9})\s*$/i.exec(text)?.[1] ?? (i.workOrderNumber !== null ? String(i.workOrderNumber) : undefined);
        if (!n) return null;
        if (st.purpose === 'check_status') return showStatus(ctx, deps, Number(n));
        if (st.purpose === 'update_status') return startStatusChange(ctx, deps, Number(n), st.status ?? i.status);
        return startComment(ctx, deps, Number(n), st.text, st.attachments);
      }
      case 'choose_asset': {
        // "the one in the boiler room": a short text naming exactly one of the offered buttons.
        const q = text.trim().toLowerCase();
        if (q.length < 3 || q.length > 40) return null;
        const hits = st.candidates.filter((c) => c.label.toLowerCase().includes(q));
        const asset = hits.length === 1 ? deps.asset(hits[0]!.id) : undefined;
        if (!asset) return null;
        return observe(await checkExisting(ctx, deps, withAsset(st.draft, asset)), ...assetChosen(ctx, st.draft, st.candidates, { id: asset.id, label: hits[0]!.label }));
      }
      default:
        return null;
    }
  }

  async function text(ctx: FlowContext, raw: string, attachments: AttachmentRef[] = []): Promise<Outcome> {
    const said = raw.length > MAX_TEXT ? raw.slice(0, MAX_TEXT) : raw;
    const i = applyShortcuts(said, await deps.understand(said, resolveContext(ctx)));
    return observe(await decideText(ctx, said, i, attachments), { type: 'understood', intent: i.intent, confidence: i.confidence });
  }

  async function decideText(ctx: FlowContext, said: string, i: FlowInterpretation, attachments: AttachmentRef[]): Promise<Outcome> {
    const st = ctx.conversation.state;
    if (!st) return fresh(ctx, said, i, attachments);
    if (i.intent === 'cancel') return cancel(ctx);
    if (st.kind === 'clarify') {
      // The person wrote again instead of tapping: that message is what counts now.
      const next = await fresh({ ...ctx, conversation: { ...ctx.conversation, state: null } }, said, i, attachments);
      return { ...next, state: next.state === undefined ? null : next.state };
    }

    const answered = await answerPending(ctx, st, said, i, attachments);
    if (answered) return answered;

    if (['create_work_order', 'update_status', 'add_comment'].includes(i.intent)) {
      // Something new while a step was pending: the new request wins, and we say so.
      const next = await fresh({ ...ctx, conversation: { ...ctx.conversation, state: null } }, said, i, attachments);
      return { ...next, state: next.state === undefined ? null : next.state, replies: [say(t.replaced(pendingName(st))), ...next.replies] };
    }
    // A question on the side (status, help, thanks): answer it plainly and keep the pending step,
    // reminding of it once. The reminder is remembered with the version its buttons were shown at.
    const side = await aside(ctx, said, i, attachments);
    if (st.remindedAt !== undefined) return { ...side, state: undefined, replies: side.replies.length ? side.replies : [say(t.wave)] };
    const waitsForTap = !st.kind.startsWith('await_') && st.kind !== 'closing_note' && !(st.kind === 'confirm_create' && st.editingTitle);
    return { ...side, state: { ...st, remindedAt: ctx.conversation.version }, replies: [...side.replies, say(t.stillPending(pendingName(st), waitsForTap))] };
  }

  async function button(ctx: FlowContext, payload: Extract<ButtonPayload, { kind: 'flow' }>): Promise<Outcome> {
    const st = ctx.conversation.state;
    const current = payload.version === ctx.conversation.version || (st?.remindedAt !== undefined && payload.version === st.remindedAt);
    if (!st || payload.conv !== convTag(ctx.conversation.id) || !current) {
      return outcome({ toast: t.staleButton });
    }
    if (st.ownerId !== ctx.user.id) return outcome({ toast: t.foreignButton(st.ownerName) });
    const result = await act(ctx, st, payload.action);
    return result ? { ...result, toast: result.toast ?? '' } : outcome({ toast: t.staleButton });
  }

  async function act(ctx: FlowContext, st: FlowState, a: FlowAction): Promise<Outcome | null> {
    if (a.type === 'cancel') return observe(outcome({ state: null, replies: [say(t.cancelled, { edit: true })] }), st.kind === 'confirm_create' ? cardCancelled(ctx, st.draft) : null);
    switch (st.kind) {
      case 'choose_asset': {
        if (a.type === 'asset' && st.candidates.some((c) => c.id === a.assetId)) {
          const asset = deps.asset(a.assetId);
          const label = st.candidates.find((c) => c.id === a.assetId)!.label;
          const draft = asset ? withAsset(st.draft, asset) : { ...st.draft, assetId: a.assetId, assetLabel: label };
          return observe(await checkExisting(ctx, deps, draft, { edit: true }), ...assetChosen(ctx, st.draft, st.candidates, { id: a.assetId, label }));
        }
        if (a.type === 'none') return observe(await noneOfThese(ctx, st.draft, st.candidates), ...noneChosen(ctx, st.draft, st.candidates));
        return null;
      }
      case 'await_asset':
        return a.type === 'none' ? observe(await noneOfThese(ctx, st.draft, []), ...noneChosen(ctx, st.draft, [])) : null;
      case 'existing_open':
        if (a.type === 'add_to_existing') {
          return comment(ctx, st.workOrder, st.draft.text, st.draft.attachments, `cm:${ctx.conversation.id}:${ctx.conversation.version}`, true);
        }
        if (a.type === 'create_new') return confirmCard(ctx, st.draft, { edit: true });
        return null;
      case 'confirm_create':
        if (a.type === 'create') {
          const refused = await refusedByPlan(ctx, true);
          return refused ? { ...refused, state: null } : create(ctx, st.draft);
        }
        if (a.type === 'priority' && a.priority === null) return priorityPicker(ctx, st.draft);
        if (a.type === 'priority' && a.priority) return confirmCard(ctx, { ...st.draft, priority: a.priority }, { edit: true });
        if (a.type === 'edit_title') return titleEditor(ctx, st.draft);
        return null;
      case 'choose_status':
        return a.type === 'status' ? applyStatus(ctx, st.workOrder, a.status) : null;
      case 'confirm_status':
        return a.type === 'confirm_status' ? applyStatus(ctx, st.workOrder, st.status) : null;
      case 'closing_note':
        return a.type === 'skip_note' ? changeStatus(ctx, st.workOrder, 'COMPLETE', null, true) : null;
      case 'clarify':
        return a.type === 'meaning' && st.meanings.includes(a.meaning) ? meant(ctx, st, a.meaning) : null;
      default:
        return null;
    }
  }

  /**
   * "None of these": a supervisor picks the machine (the report goes with the question and comes
   * back with their pick, see assetPicked); without one, file it without a machine.
   */
  async function noneOfThese(ctx: FlowContext, draft: Draft, candidates: { id: number; label: string }[]): Promise<Outcome> {
    const r = await deps.askSupervisor({
      conversationId: ctx.conversation.id,
      requesterName: ctx.user.name,
      text: `Which machine? ${ctx.user.name} reported: “${draft.text}”${draft.unresolvedMention ? ` (said “${draft.unresolvedMention}”)` : ''}`,
      replyTo: ctx.chat,
      key: ctx.eventKey,
      topic: 'which_asset',
      report: { draft, candidates, mention: draft.unresolvedMention },
    });
    const handover = { type: 'handover' as const, topic: 'which_asset' as const, delivered: r.delivered };
    if (r.delivered) return observe(outcome({ state: null, replies: [say(t.handedToSupervisor, { edit: true })] }), handover);
    return observe(confirmCard(ctx, { ...draft, assetId: null, assetLabel: null }, { edit: true, prefix: t.noAssetCard }), handover);
  }

  /** A supervisor picked the machine of a handed-over report (null: file it without one); it continues to the confirmation. */
  async function assetPicked(ctx: FlowContext, draft: Draft, assetId: number | null, by: string): Promise<Outcome> {
    const st = ctx.conversation.state;
    const dropped = st && !(hasDraft(st) && st.draft.text === draft.text) ? [say(t.replaced(pendingName(st)))] : [];
    const asset = assetId === null ? undefined : deps.asset(assetId);
    if (!asset) {
      const next = confirmCard(ctx, { ...draft, assetId: null, assetLabel: null }, { prefix: t.supervisorNoAsset(by) });
      return { ...next, replies: [...dropped, ...next.replies] };
    }
    const withPick = withAsset(draft, asset);
    const next = await checkExisting(ctx, deps, withPick);
    return { ...next, replies: [...dropped, say(t.supervisorPicked(by, withPick.assetLabel ?? asset.name)), ...next.replies] };
  }

  async function media(ctx: FlowContext, attachment: AttachmentRef, caption: string | null): Promise<Outcome> {
    const st = ctx.conversation.state;
    if (caption && caption.trim()) {
      const i = applyShortcuts(caption, await deps.understand(caption, resolveContext(ctx)));
      if (i.workOrderNumber !== null && i.intent !== 'create_work_order' && !hasDraft(st)) {
        return observe(await startComment(ctx, deps, i.workOrderNumber, commentText(i, caption), [attachment]), { type: 'understood', intent: i.intent, confidence: i.confidence });
      }
      return text(ctx, caption, [attachment]);
    }
    if (hasDraft(st)) {
      const max = tierLimits(ctx.user.tier).attachmentsPerReport;
      if (st.draft.attachments.length >= max) return outcome({ replies: [say(t.tooManyAttachments(max))] });
      const draft = { ...st.draft, attachments: [...st.draft.attachments, attachment] };
      const added = say(t.attachmentAdded(draft.attachments.length));
      // The pending buttons are re-sent: saving the state makes the old ones stale.
      let next: Outcome;
      if (st.kind === 'confirm_create') next = confirmCard(ctx, draft);
      else if (st.kind === 'choose_asset' || st.kind === 'existing_open') {
        next = { ...(await proceedAgain(ctx, st, draft)) };
      } else next = outcome({ state: { ...st, draft } });
      return { ...next, replies: [added, ...next.replies] };
    }
    if (st?.kind === 'await_comment') return comment(ctx, st.workOrder, '', [...st.attachments, attachment], `cm:${ctx.conversation.id}:${ctx.conversation.version}`, false);
    const refused = await refusedByPlan(ctx);
    if (refused) return refused;
    const draft: Draft = { ...emptyDraft(), attachments: [attachment] };
    return outcome({ state: { ...owner(ctx), kind: 'await_description', draft }, replies: [say(t.askDescription(null))] });
  }

  async function proceedAgain(ctx: FlowContext, st: Extract<FlowState, { kind: 'choose_asset' | 'existing_open' }>, draft: Draft): Promise<Outcome> {
    if (st.kind === 'existing_open') return checkExisting(ctx, deps, draft);
    const resolution = { decision: 'ambiguous' as const, candidates: st.candidates.flatMap((c) => (deps.asset(c.id) ? [{ asset: deps.asset(c.id)!, score: 1 }] : [])) };
    // The same question again (with the new photo): not another disambiguation.
    return { ...(await proceed(ctx, deps, draft, { text: st.draft.unresolvedMention ?? '', resolution })), observations: [] };
  }

  async function reportOnAsset(ctx: FlowContext, assetId: number): Promise<Outcome> {
    const refused = await refusedByPlan(ctx);
    if (refused) return refused;
    const asset = deps.asset(assetId);
    if (!asset) return outcome({ replies: [say(t.askDescription(null))], state: { ...owner(ctx), kind: 'await_description', draft: emptyDraft() } });
    const draft = withAsset(emptyDraft(), asset);
    const replies = ctx.conversation.state ? [say(t.replaced(pendingName(ctx.conversation.state)))] : [];
    return outcome({ state: { ...owner(ctx), kind: 'await_description', draft }, replies: [...replies, say(t.askDescription(draft.assetLabel))] });
  }

  return {
    text,
    button,
    media,
    reportOnAsset,
    assetPicked,
    cancel,
    mine: (ctx) => listMine(ctx, deps),
    status: (ctx, n) => showStatus(ctx, deps, n),
    expired(state) {
      if (!state || typeof state !== 'object' || !('kind' in state)) return null;
      return t.expired(pendingName(state as FlowState));
    },
  };
}

/** The words of a comment, without the "add to 42:" that introduced them. */
function commentText(i: FlowInterpretation, text: string): string | null {
  const stripped = text.replace(/^\s*(please\s+)?(add|comment|note|log)\b[^:]*:\s*/i, '').trim();
  const chosen = stripped !== text.trim() ? stripped : i.description?.trim() || stripped;
  return /^\s*(wo\s*)?#?\d+\s*$/i.test(chosen) || !chosen ? null : chosen;
}
