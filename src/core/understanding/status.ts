/**
 * Status words for updates on a work order: started / on hold / done, in English, Spanish,
 * Portuguese and German. Works on folded text without apostrophes.
 */
import type { WorkOrderStatus } from '../model.js';

const ON_HOLD = [
  /\bon hold\b/,
  /\bput (?:it |\d+ )?on hold\b/,
  /\bputting (?:it )?on hold\b/,
  /^\s*hold\b/,
  /\b(?:waiting|wait) (?:on|for) (?:the |a |an )?(?:\w+ )?(?:parts?|vendor|contractor|electrician|approval|delivery|supplier|quote|tech|technician|shutdown|outage)\b/,
  /\bwaiting parts\b/,
  /\bpaused?\b/,
  /\bcant finish\b|\bcannot finish\b|\bcouldnt finish\b/,
  /\bparked\b.*\b(?:till|until)\b/,
  /\ben espera\b|\bpausad[oa]\b|\besperando (?:piezas|repuestos)\b/,
  /\bem espera\b|\baguardando (?:pecas|peca)\b|\bpausad[oa]\b/,
  /\bwartet auf\b|\bpausiert\b|\bangehalten\b|\bwarte auf teile\b/,
];

const COMPLETE = [
  /\bdone\b/,
  /\bfixed\b/,
  /\bfinished\b/,
  /\bcomplete(?:d)?\b/,
  /\bclosing\b/,
  /\bclose (?:it )?out\b|\bclose out\b/,
  /\bclosed (?:it|out)\b/,
  /\bmark (?:\w+ )?(?:as )?(?:complete|done|closed|finished)\b/,
  /\bback (?:in service|online|up and running|in operation)\b/,
  /\brunning (?:normal|again|fine|good)\b/,
  /\ball good now\b|\bsorted\b|\bresolved\b|\brepaired\b/,
  /\bconcluid[ao]\b|\bterminad[ao]\b|\blist[ao]\b|\bhecho\b|\barreglad[ao]\b|\breparad[ao]\b|\bfeito\b|\bpronto\b|\bconsertad[ao]\b|\bfinalizad[ao]\b/,
  /\berledigt\b|\bfertig\b|\babgeschlossen\b|\brepariert\b|\bbehoben\b/,
];

const IN_PROGRESS = [
  /\bstart(?:ed|ing)\b/,
  /\bon my way\b/,
  /\bheading (?:to|over|out)\b/,
  /\bpicking (?:it )?up\b/,
  /\bworking (?:on )?(?:it|the|\d)/,
  /\bin progress\b/,
  /\bback on\b/,
  /\bon it\b/,
  /\ben camino\b|\bempez(?:ando|ado|o)\b|\bcomenzando\b|\btrabajando en\b|\ben proceso\b/,
  /\ba caminho\b|\biniciando\b|\bcomecei\b|\bcomecando\b|\bem andamento\b/,
  /\bangefangen\b|\bbeginne\b|\bunterwegs\b|\bin arbeit\b/,
];

export interface StatusCue {
  status: WorkOrderStatus;
  index: number;
}

/** One alternation per list: the leftmost match of any pattern, in a single scan. */
const combined = new Map<readonly RegExp[], RegExp>();
function first(list: readonly RegExp[], text: string): number {
  let re = combined.get(list);
  if (re === undefined) {
    re = new RegExp(list.map((r) => `(?:${r.source})`).join('|'));
    combined.set(list, re);
  }
  return re.exec(text)?.index ?? -1;
}

/** The status a message sets, if it states one. Hold beats done ("done for today, on hold"), done beats started. */
export function detectStatus(text: string): StatusCue | null {
  const hold = first(ON_HOLD, text);
  if (hold >= 0) return { status: 'ON_HOLD', index: hold };
  const done = first(COMPLETE, text);
  if (done >= 0) return { status: 'COMPLETE', index: done };
  const prog = first(IN_PROGRESS, text);
  if (prog >= 0) return { status: 'IN_PROGRESS', index: prog };
  return null;
}
