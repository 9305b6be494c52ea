/**
 * Questions about and changes to existing work orders: status, lists, status changes, comments.
 * Every work order is looked up by number through `lookup`, which bounds how fast one person may
 * look them up and lets through only what core/access allows: someone else's work order reads
 * exactly like one that does not exist.
 */
import { ALLOWED, type Denial, type WorkOrderAction } from '../access/index.js';
import type { WorkOrderStatus } from '../model.js';
import type { AttachmentRef } from '../ports.js';
import { tierLimits } from '../tiers.js';
import { btn, outcome, owner, say } from './kit.js';
import { refusal, t } from './texts.js';
import type { FlowContext, FlowDeps, Outcome, WoRef, WorkOrderSummary } from './types.js';

type Lookup = { wo: WorkOrderSummary } | { fail: Outcome };

const fail = (text: string): Lookup => ({ fail: outcome({ replies: [say(text)] }) });

/** What a denial says in the chat; `number` is the one the person typed. */
export function denialText(d: Denial, number: number | null): string {
  switch (d.reason) {
    case 'not_found':
      return number !== null ? t.notFound(number) : t.noneYet;
    case 'read_only':
      return t.readOnly;
    case 'quota':
      return t.quota(d.limit, d.used);
    case 'disabled':
      return refusal.disabled();
    case 'not_asked':
      return t.notAsked(d.audience);
  }
}

async function lookup(ctx: FlowContext, deps: FlowDeps, number: number, action: WorkOrderAction): Promise<Lookup> {
  const wait = await deps.access.throttle(ctx.actor, ctx.now);
  if (wait > 0) return fail(t.slowDown(wait));
  let wo: WorkOrderSummary | null;
  try {
    wo = await deps.reader.getByNumber(number);
  } catch {
    return fail(t.atlasDown);
  }
  if (!wo) return fail(t.notFound(number));
  const decision = await deps.access.check(ctx.actor, action, wo);
  return decision === ALLOWED ? { wo } : fail(denialText(decision.denied, number));
}

/** The open work order with this number, if this person may see it; null otherwise (and when Atlas is away or they looked up too much). */
export async function visibleOpenWorkOrder(ctx: FlowContext, deps: FlowDeps, number: number): Promise<WorkOrderSummary | null> {
  if ((await deps.access.throttle(ctx.actor, ctx.now)) > 0) return null;
  try {
    const wo = await deps.reader.getByNumber(number);
    if (!wo || wo.status === 'COMPLETE') return null;
    return (await deps.access.check(ctx.actor, 'view', wo)) === ALLOWED ? wo : null;
  } catch {
    return null;
  }
}

const ref = (wo: WorkOrderSummary): WoRef => ({ id: wo.id, customId: wo.customId, title: wo.title });

export async function showStatus(ctx: FlowContext, deps: FlowDeps, number: number | null): Promise<Outcome> {
  if (number === null) return listMine(ctx, deps);
  const found = await lookup(ctx, deps, number, 'view');
  if ('fail' in found) return found.fail;
  return outcome({ replies: [say(t.statusCard(found.wo))] });
}

export async function listMine(ctx: FlowContext, deps: FlowDeps): Promise<Outcome> {
  const wait = await deps.access.throttle(ctx.actor, ctx.now);
  if (wait > 0) return outcome({ replies: [say(t.slowDown(wait))] });
  try {
    const ids = await deps.ownWorkOrderIds(ctx.user.id);
    if (ids.length === 0) return outcome({ replies: [say(t.noneYet)] });
    const limit = tierLimits(ctx.user.tier).listedWorkOrders;
    const wos = await deps.reader.byIds(ids.slice(0, limit));
    if (wos.length === 0) return outcome({ replies: [say(t.noneYet)] });
    return outcome({ replies: [say(t.myList(wos, ids.length))] });
  } catch {
    return outcome({ replies: [say(t.atlasDown)] });
  }
}

export async function startStatusChange(ctx: FlowContext, deps: FlowDeps, number: number | null, status: WorkOrderStatus | null): Promise<Outcome> {
  if (number === null) {
    return outcome({
      state: { ...owner(ctx), kind: 'await_wo_number', purpose: 'update_status', status, text: null, attachments: [] },
      replies: [say(t.whichWorkOrder)],
    });
  }
  const found = await lookup(ctx, deps, number, 'change_status');
  if ('fail' in found) return found.fail;
  const wo = ref(found.wo);
  if (status === null) {
    const choices = (['IN_PROGRESS', 'ON_HOLD', 'COMPLETE'] as const).filter((s) => s !== found.wo.status);
    return outcome({
      state: { ...owner(ctx), kind: 'choose_status', workOrder: wo },
      replies: [
        say(t.chooseStatus(wo), {
          buttons: [
            choices.map((s) => btn(ctx, t.confirmYes(s).replace('✅ ', ''), { type: 'status', status: s })),
            [btn(ctx, t.cancel, { type: 'cancel' })],
          ],
        }),
      ],
    });
  }
  if (found.wo.status === status) return outcome({ replies: [say(t.alreadyStatus(wo, status))] });
  return outcome({
    state: { ...owner(ctx), kind: 'confirm_status', workOrder: wo, status },
    replies: [
      say(t.confirmStatus(wo, status), {
        buttons: [[btn(ctx, t.confirmYes(status), { type: 'confirm_status' })], [btn(ctx, t.cancel, { type: 'cancel' })]],
      }),
    ],
  });
}

/** A confirmed status change; completing first asks for an optional closing note. */
export function applyStatus(ctx: FlowContext, wo: WoRef, status: WorkOrderStatus): Outcome {
  if (status === 'COMPLETE') {
    return outcome({
      state: { ...owner(ctx), kind: 'closing_note', workOrder: wo },
      replies: [say(t.askClosingNote(wo), { edit: true, buttons: [[btn(ctx, t.skip, { type: 'skip_note' })]] })],
    });
  }
  return changeStatus(ctx, wo, status, null, true);
}

export function changeStatus(ctx: FlowContext, wo: WoRef, status: WorkOrderStatus, note: string | null, edit: boolean): Outcome {
  return outcome({
    state: null,
    commands: [{ type: 'change_status', idempotencyKey: `st:${ctx.conversation.id}:${ctx.conversation.version}`, workOrder: wo, status, note }],
    replies: [say(t.changingStatus(wo, status), { edit })],
  });
}

export async function startComment(ctx: FlowContext, deps: FlowDeps, number: number | null, text: string | null, attachments: AttachmentRef[]): Promise<Outcome> {
  if (number === null) {
    return outcome({
      state: { ...owner(ctx), kind: 'await_wo_number', purpose: 'add_comment', status: null, text, attachments },
      replies: [say(t.whichWorkOrder)],
    });
  }
  const found = await lookup(ctx, deps, number, 'comment');
  if ('fail' in found) return found.fail;
  const wo = ref(found.wo);
  if (!text && attachments.length === 0) {
    return outcome({ state: { ...owner(ctx), kind: 'await_comment', workOrder: wo, attachments }, replies: [say(t.askComment(wo))] });
  }
  return comment(ctx, wo, text ?? '', attachments, `cm:${ctx.eventKey}`, false);
}

export function comment(ctx: FlowContext, wo: WoRef, text: string, attachments: AttachmentRef[], key: string, edit: boolean): Outcome {
  return outcome({
    state: null,
    commands: [{ type: 'add_comment', idempotencyKey: key, workOrder: wo, text: text || '(attachment)', attachments }],
    replies: [say(t.addingComment(wo), { edit })],
  });
}
