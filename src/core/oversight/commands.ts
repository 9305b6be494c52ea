/**
 * /rivet for supervisors: `status 42`, `open` (open work orders, most urgent first), `find pump 301`
 * (the shared asset index; a waiting "which machine?" report can be given the machine from the
 * result), `help`. In the oversight channel anyone is a supervisor; elsewhere only people recorded
 * as supervisors may use it. Answers are notes only the asker sees.
 */
import { parseWorkOrderNumber } from '../conversation/commands.js';
import { assetLabel, candidateLabels, PRIORITY_LABEL, STATUS_LABEL } from '../conversation/texts.js';
import type { Priority, WorkOrderSummary } from '../model.js';
import type { InlineButton } from '../ports.js';
import { noteMessage } from './cards.js';
import { encodeControl } from './controls.js';
import type { OversightDeps } from './deps.js';
import type { SupervisorInput } from './desk.js';
import { ot } from './texts.js';

const RANK: Record<Priority, number> = { HIGH: 0, MEDIUM: 1, LOW: 2, NONE: 3 };
const ICON: Record<Priority, string> = { HIGH: '🔴', MEDIUM: '🟡', LOW: '🟢', NONE: '⚪' };
const SHOWN_OPEN = 15;
const FOUND = 5;

export type SupervisorCommand = (input: SupervisorInput & { text: string }) => Promise<void>;

function statusCard(wo: WorkOrderSummary, url: string | null): string {
  return [
    `${wo.customId} · ${wo.title}`,
    `Status: ${STATUS_LABEL[wo.status]} · Priority: ${PRIORITY_LABEL[wo.priority]}`,
    ...(wo.asset ? [`Asset: ${wo.asset.name}${wo.location ? ` · ${wo.location.name}` : ''}`] : []),
    `Assigned: ${wo.assignees.length ? wo.assignees.join(', ') : 'nobody'}`,
    ...(url ? [ot.atlasLink(url)] : []),
  ].join('\n');
}

export function createSupervisorCommand(deps: OversightDeps): SupervisorCommand {
  const base = deps.logger.child({ component: 'supervisor-command' });
  return async (input) => {
    const log = input.log ?? base.child({ eventKey: input.eventKey });
    let n = 0;
    const answer = (text: string, buttons?: InlineButton[][]) =>
      deps.dispatcher.send(noteMessage(deps.channel, input.where, input.who.externalId, text, `ov/cmd/${input.eventKey}/${n++}`, buttons ? { buttons } : {}));

    if (input.where.chatId === deps.channelId) await deps.people.enlist(deps.organizationId, input.who);
    else if (!(await deps.people.isSupervisor(input.who))) {
      log.info({ chatId: input.where.chatId }, '/rivet from someone who is not a supervisor; refused');
      return answer(ot.onlySupervisors);
    }
    const [verb = 'help', ...rest] = input.text.trim().split(/\s+/).filter(Boolean);
    const arg = rest.join(' ');
    switch (verb.toLowerCase()) {
      case 'help':
        return answer(ot.help);
      case 'status': {
        const number = parseWorkOrderNumber(arg);
        if (number === null) return answer(ot.statusUsage);
        try {
          const wo = await deps.reader.getByNumber(number);
          return answer(wo ? statusCard(wo, deps.atlas?.workOrderUrl(wo.id) ?? null) : `I can't find WO${String(number).padStart(6, '0')}.`);
        } catch (err) {
          log.warn({ err: (err as Error).message }, '/rivet status: Atlas failed');
          return answer(deps.atlas ? ot.atlasDown : ot.noAtlas);
        }
      }
      case 'open': {
        if (!deps.atlas) return answer(ot.noAtlas);
        let open: WorkOrderSummary[];
        try {
          open = await deps.atlas.openWorkOrders(100);
        } catch (err) {
          log.warn({ err: (err as Error).message }, '/rivet open: Atlas failed');
          return answer(ot.atlasDown);
        }
        if (open.length === 0) return answer(ot.noneOpen);
        const sorted = [...open].sort((a, b) => RANK[a.priority] - RANK[b.priority] || b.createdAt.getTime() - a.createdAt.getTime());
        const lines = sorted.slice(0, SHOWN_OPEN).map((w) => `${ICON[w.priority]} ${w.customId} ${w.title} – ${STATUS_LABEL[w.status]}${w.asset ? ` (${w.asset.name})` : ''}`);
        return answer(ot.openList(lines, open.length));
      }
      case 'find': {
        if (!arg) return answer(ot.findUsage);
        const found = deps.lookup.index().search(arg, FOUND);
        if (found.length === 0) return answer(ot.found(arg, 0));
        // Each result can be picked for a report waiting for its machine (the newest few).
        const waiting = (await deps.threads.openMachineQuestions(deps.organizationId, 3)).filter((t) => !t.card.picked);
        const labels = candidateLabels(found.map((f) => f.asset));
        const buttons = found.map(({ asset }, i) => [
          ...waiting.map((t) => ({ text: `${ot.pickFor(t.card.requester)}: ${labels[i]}`, data: encodeControl({ type: 'pick', threadId: t.id, assetId: asset.id }) })),
        ]).filter((row) => row.length > 0);
        const text = [ot.found(arg, found.length), ...found.map(({ asset }) => `• ${assetLabel(asset, 80)} (#${asset.id}${asset.customId ? `, ${asset.customId}` : ''})`)].join('\n');
        return answer(text, buttons.length ? buttons : undefined);
      }
      default:
        log.info({ verb: verb.slice(0, 20) }, '/rivet: unknown verb');
        return answer(ot.unknownCommand);
    }
  };
}
