/**
 * The messages oversight posts, as platform-neutral OutboundMessages: a thread's first message
 * (its card: what happened, the state, the controls), a line in a thread, a note only one
 * supervisor sees. The oversight platform's transport renders them (Slack: Block Kit).
 */
import type { Channel, Priority } from '../model.js';
import type { InlineButton, InlineMenu, OutboundMessage } from '../ports.js';
import { encodeControl } from './controls.js';
import type { OversightThread, ThreadCard } from './model.js';
import { ot } from './texts.js';

const PRIORITY_ORDER: Priority[] = ['HIGH', 'MEDIUM', 'LOW', 'NONE'];
const MAX_CANDIDATE_BUTTONS = 5;

function title(t: OversightThread): string {
  const c = t.card;
  switch (t.topic) {
    case 'work_order': return c.workOrder ? ot.workOrderTitle(c.workOrder.customId, c.workOrder.title) : ot.workOrderTitle('', '');
    case 'which_asset': return ot.whichMachineTitle(c.requester, c.question ?? '', c.mention);
    case 'not_understood': return ot.notUnderstoodTitle(c.requester, c.question ?? '');
    case 'decision': return ot.decisionTitle(c.requester, c.question ?? '');
    case 'question': return ot.askedTitle(c.requester, c.question ?? '');
  }
}

function body(t: OversightThread): string[] {
  const c = t.card;
  if (t.kind === 'work_order' && c.workOrder) {
    const wo = c.workOrder;
    return [
      ot.reportedBy(c.requester, c.platform),
      ot.asset(wo.asset),
      ot.facts(wo.priority, wo.status, wo.assignees),
      ...(wo.description ? [ot.said(wo.description)] : []),
      ...(wo.url ? [ot.atlasLink(wo.url)] : []),
    ];
  }
  return [
    ...(c.history?.length ? [ot.recent, ...c.history.map((l) => `  ${l}`)] : []),
    ...(c.candidates?.length ? [ot.offered(c.candidates.map((x) => x.label))] : []),
    ...(c.openWorkOrders ? [ot.openWorkOrders(c.openWorkOrders)] : []),
  ];
}

function stateLines(t: OversightThread): string[] {
  const c = t.card;
  const lines: string[] = [];
  if (c.resolved) lines.push(c.resolved);
  else if (c.picked) lines.push(c.picked);
  if (c.takenOverBy) lines.push(ot.takenOverState(c.takenOverBy, c.requester));
  if (c.escalated && !c.resolved) lines.push(ot.escalatedState);
  if (t.kind === 'work_order' || t.resolvedAt) lines.push(ot.repliesInternal(c.requester));
  else if (t.topic === 'which_asset') lines.push(ot.pickHint);
  else if (t.topic !== 'decision') lines.push(ot.repliesReach(c.requester, c.platform));
  return lines;
}

function controls(t: OversightThread, users: { id: number; name: string }[] | null): { buttons: InlineButton[][]; menus: InlineMenu[] } {
  const id = t.id;
  const c = t.card;
  if (t.kind === 'work_order' && c.workOrder) {
    const wo = c.workOrder;
    const menus: InlineMenu[] = [{
      placeholder: ot.setPriority,
      options: PRIORITY_ORDER.map((p) => ({ text: ot.priorityOption(p), data: encodeControl({ type: 'priority', threadId: id, priority: p }) })),
      selected: encodeControl({ type: 'priority', threadId: id, priority: wo.priority }),
    }];
    if (users?.length) {
      menus.push({ placeholder: ot.assign, options: users.slice(0, 100).map((u) => ({ text: u.name, data: encodeControl({ type: 'assign', threadId: id, userId: u.id }) })) });
    }
    const row: InlineButton[] = [];
    if (wo.status !== 'COMPLETE') row.push({ text: ot.complete, data: encodeControl({ type: 'complete', threadId: id }) });
    if (t.personId && t.techChat) {
      row.push(t.takenOverBy
        ? { text: ot.handBack, data: encodeControl({ type: 'hand_back', threadId: id }) }
        : { text: ot.takeOver, data: encodeControl({ type: 'take_over', threadId: id }) });
    }
    return { buttons: row.length ? [row] : [], menus };
  }
  if (t.resolvedAt) return { buttons: [], menus: [] };
  const buttons: InlineButton[][] = [];
  if (t.topic === 'which_asset' && c.picked) {
    buttons.push([{ text: ot.resolve, data: encodeControl({ type: 'resolve', threadId: id }) }]);
  } else if (t.topic === 'which_asset') {
    for (const cand of (c.candidates ?? []).slice(0, MAX_CANDIDATE_BUTTONS)) {
      buttons.push([{ text: cand.label, data: encodeControl({ type: 'pick', threadId: id, assetId: cand.id }) }]);
    }
    buttons.push([{ text: ot.noMachine, data: encodeControl({ type: 'no_machine', threadId: id }) }, { text: ot.resolve, data: encodeControl({ type: 'resolve', threadId: id }) }]);
  } else if (t.topic === 'decision') {
    for (const choice of c.choices ?? []) buttons.push([choice]);
  } else {
    buttons.push([{ text: ot.resolve, data: encodeControl({ type: 'resolve', threadId: id }) }]);
  }
  return { buttons, menus: [] };
}

/** The thread's first message as it stands; posted the first time, refreshed in place after. */
export function rootMessage(t: OversightThread, channel: Channel, users: { id: number; name: string }[] | null, key: string): OutboundMessage {
  const { buttons, menus } = controls(t, users);
  return {
    idempotencyKey: key,
    to: { channel, chatId: t.channelId },
    text: [title(t), ...body(t)].join('\n'),
    ...(buttons.length ? { buttons } : {}),
    kind: 'response',
    extras: { thread: { id: t.id, root: true }, context: stateLines(t), ...(menus.length ? { menus } : {}) },
  };
}

/** A line in the thread (after its first message). */
export function lineMessage(
  t: Pick<OversightThread, 'id' | 'channelId'>,
  channel: Channel,
  text: string,
  key: string,
  opts: { buttons?: InlineButton[][]; broadcast?: boolean; alert?: string | null } = {},
): OutboundMessage {
  return {
    idempotencyKey: key,
    to: { channel, chatId: t.channelId },
    text,
    ...(opts.buttons?.length ? { buttons: opts.buttons } : {}),
    kind: 'status',
    extras: { thread: { id: t.id }, ...(opts.broadcast ? { broadcast: true } : {}), ...(opts.alert ? { alert: opts.alert } : {}) },
  };
}

/** A note only one supervisor sees, where they acted (in the thread when there is one). */
export function noteMessage(
  channel: Channel,
  where: { chatId: string; threadId?: string | null },
  supervisorExternalId: string,
  text: string,
  key: string,
  opts: { buttons?: InlineButton[][] } = {},
): OutboundMessage {
  return {
    idempotencyKey: key,
    to: { channel, chatId: where.chatId, threadId: where.threadId ?? null },
    text,
    ...(opts.buttons?.length ? { buttons: opts.buttons } : {}),
    kind: 'response',
    extras: { ephemeralTo: supervisorExternalId },
  };
}

export type { ThreadCard };
