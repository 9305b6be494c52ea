/** What the model is asked: the message, Rivet's own reading, the only assets it may pick, and the JSON shape to answer in. */
import { INTENTS, PRIORITIES, WORK_ORDER_STATUSES } from '../../core/model.js';
import type { SecondOpinionRequest } from '../../core/understanding/second-opinion.js';

export const SYSTEM_PROMPT = [
  'You read messages that factory, hospital and facility maintenance technicians send to a work-order bot.',
  'Answer with one JSON object and nothing else:',
  `{"intent": one of ${JSON.stringify(INTENTS)},`,
  ` "priority": one of ${JSON.stringify(PRIORITIES)} or null (only for create_work_order),`,
  ' "workOrderNumber": the work order number the message refers to, as a number, or null,',
  ` "status": one of ${JSON.stringify(WORK_ORDER_STATUSES)} or null (only for update_status),`,
  ' "assetId": the id of the asset the message is about, chosen ONLY from the candidates given, or null when unsure}.',
  'Messages may be in English, Spanish, Portuguese or German. Never invent an asset id.',
].join('\n');

export function userPrompt(req: SecondOpinionRequest): string {
  return JSON.stringify({
    message: req.text,
    rivetReading: req.first,
    candidates: req.candidates,
  });
}
