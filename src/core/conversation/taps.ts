/**
 * Button taps. Flow buttons carry the conversation and the state version they were shown at,
 * so a stale or doubled tap gets a toast instead of acting twice; in a group, a tap on a crew
 * mate's live buttons says whose they are. `q:` buttons answer a question a parked job asked,
 * and only the person it was asked of may answer it (supervisors, for a supervisor's question).
 * Every tap returns a toast ('' when there is nothing to say) for the adapter to show.
 */
import { can } from '../access/index.js';
import type { QuestionDesk } from '../ports.js';
import { decodeButton } from './callback-data.js';
import type { ConversationFlow } from './flow.js';
import type { ChatPlace } from './input.js';
import { parseFlowState } from './state.js';
import type { ConversationStore } from './stores.js';
import { t } from './texts.js';
import { setLanguage } from './commands.js';
import type { Turn } from './turn.js';

export interface TapDeps {
  conversations: ConversationStore;
  questions: QuestionDesk | null;
}

export async function runTap(deps: TapDeps, flow: ConversationFlow, turn: Turn, where: ChatPlace, data: string, messageId: string | null): Promise<string> {
  const payload = decodeButton(data);
  let toast: string;
  if (!payload) {
    toast = t.staleButton;
  } else if (payload.kind === 'language') {
    toast = await setLanguage(turn, payload.choice);
  } else if (payload.kind === 'question') {
    const asked = deps.questions ? await deps.questions.whoMayAnswer(data) : null;
    const decision = asked ? can(turn.actor, { type: 'answer', question: asked }) : null;
    if (decision && decision !== 'allowed') {
      toast = decision.denied.reason === 'not_asked' ? t.notAsked(decision.denied.audience) : t.staleButton;
    } else {
      const result = deps.questions ? await deps.questions.answerButton({ data, answeredBy: turn.person.id }) : 'unknown';
      toast = t.questionAnswered[result];
    }
  } else {
    const o = await turn.step((f) => flow.button(f, payload), { editMessageId: messageId });
    toast = o.toast ?? '';
    if (toast === t.staleButton && where.group) {
      // In a group it may be a crew mate's live button rather than an old one.
      const owner = parseFlowState(await deps.conversations.stateOfButton(where.chat.channel, where.chat.chatId, payload.conv));
      if (owner && owner.ownerId !== turn.person.id) toast = t.foreignButton(owner.ownerName);
    }
  }
  turn.log.info({ data, toast }, 'button tapped');
  return toast;
}
