/**
 * Which thread a line of a conversation goes to: the thread where a supervisor has taken the
 * person over, else their newest open question, else the newest work-order thread opened from this
 * conversation; none, and the line stays in the chat. How a line reads in a thread.
 */
import type { OversightDeps } from './deps.js';
import type { OversightThread } from './model.js';
import { ot } from './texts.js';

export async function routeLine(deps: Pick<OversightDeps, 'people' | 'threads'>, conversationId: string): Promise<OversightThread | null> {
  const conv = await deps.people.ofConversation(conversationId);
  if (conv?.personId) {
    const over = await deps.threads.takenOverOf(conv.personId);
    if (over) return over;
    const [question] = await deps.threads.openQuestionsOf(conv.personId);
    if (question) return question;
  }
  const [workOrder] = (await deps.threads.ofConversation(conversationId)).filter((t) => t.kind === 'work_order');
  return workOrder ?? null;
}

export function lineOf(sender: 'technician' | 'bot' | 'supervisor' | 'system', text: string, requester: string): string {
  switch (sender) {
    case 'technician': return ot.technicianLine(requester, text);
    case 'bot': return ot.botLine(text);
    default: return ot.systemLine(text);
  }
}
