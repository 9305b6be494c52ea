/**
 * What oversight says, to supervisors in the oversight channel and to technicians on their behalf.
 * Plain text: the platform's transport escapes it (nobody's words can ping a whole channel).
 */
import { localized, type Catalog } from '../texts/index.js';
import type { Priority, WorkOrderStatus } from '../model.js';
import { PRIORITY_LABEL, STATUS_LABEL } from '../conversation/texts.js';

const first = (name: string) => name.split(' ')[0] || name;
const quote = (s: string, max = 500) => `“${s.length > max ? s.slice(0, max - 1) + '…' : s}”`;

export const ot = {
  // Lines mirrored into a thread.
  technicianLine: (name: string, text: string) => `${first(name)}: ${text}`,
  botLine: (text: string) => `Rivet: ${text}`,
  systemLine: (text: string) => `⚙️ ${text}`,
  transcript: (lines: string[]) => ['Conversation so far:', ...lines].join('\n'),

  // First messages.
  askedTitle: (name: string, question: string) => `❓ ${name} asks: ${quote(question)}`,
  notUnderstoodTitle: (name: string, text: string) => `🤔 Rivet did not understand ${name}: ${quote(text)}`,
  whichMachineTitle: (name: string, text: string, mention: string | null | undefined) =>
    `🔎 ${name} needs the machine for a report: ${quote(text)}${mention ? ` (said “${mention}”)` : ''}`,
  decisionTitle: (name: string, question: string) => `⏸ A job needs a decision for ${name}: ${question}`,
  workOrderTitle: (customId: string, title: string) => `🛠 ${customId} · ${title}`,
  recent: 'Recent messages:',
  offered: (labels: string[]) => `Offered: ${labels.join(', ')}`,
  openWorkOrders: (lines: string[]) => (lines.length ? `Their open work orders: ${lines.join('; ')}` : 'No open work orders of theirs.'),
  reportedBy: (name: string, platform?: string) => `Reported by ${name}${platform ? ` (${platform})` : ''}`,
  asset: (label: string | null) => `Asset: ${label ?? 'not set'}`,
  facts: (p: Priority, s: WorkOrderStatus, assignees: string[]) =>
    `Priority: ${PRIORITY_LABEL[p]} · Status: ${STATUS_LABEL[s]} · Assigned: ${assignees.length ? assignees.join(', ') : 'nobody'}`,
  atlasLink: (url: string) => `Atlas: ${url}`,
  said: (text: string) => `Report: ${quote(text, 300)}`,
  repliesReach: (name: string, platform?: string) => `Replies in this thread reach ${first(name)}${platform ? ` on ${platform}` : ''}.`,
  repliesInternal: (name: string) => `Replies here stay internal. Start one with >> (or use “Send to technician”) to reach ${first(name)}.`,
  pickHint: 'Pick the machine below, or find it with /rivet find <words>.',
  takenOverState: (by: string, name: string) => `🎧 ${by} has taken over: the bot is quiet for ${first(name)}, whose messages come here only.`,
  escalatedState: '⏰ Escalated: nobody had touched it.',

  // Controls.
  setPriority: 'Set priority',
  assign: 'Assign',
  complete: '✅ Mark complete',
  takeOver: '🎧 Take over',
  handBack: '↩ Hand back',
  noMachine: 'File without machine',
  resolve: 'Resolve',
  priorityOption: (p: Priority) => ({ HIGH: '🔴 High', MEDIUM: '🟡 Medium', LOW: '🟢 Low', NONE: '⚪ None' })[p],

  // What supervisors did, in the thread.
  prioritySet: (by: string, customId: string, p: Priority) => `${by} set ${customId} to ${PRIORITY_LABEL[p]} priority.`,
  assigned: (by: string, customId: string, to: string) => `${by} assigned ${customId} to ${to}.`,
  completed: (by: string, customId: string) => `${by} marked ${customId} complete.`,
  tookOver: (by: string, name: string) => `${by} took over. ${first(name)}'s messages come here only and the bot stays quiet. Start replies with >> to reach ${first(name)}.`,
  handedBack: (by: string, name: string) => `${by} handed ${first(name)} back to Rivet.`,
  pickedState: (by: string, label: string, name: string) => `✅ ${by} picked ${label}; ${first(name)} confirms next.`,
  noMachineState: (by: string, name: string) => `✅ ${by} said to file it without a machine; ${first(name)} confirms next.`,
  resolvedBy: (by: string) => `✅ Resolved by ${by}.`,
  answeredBy: (by: string, answer: string) => `✅ ${by} answered: ${answer}`,
  filedHere: (customId: string) => `Filed as ${customId}; it has a thread of its own.`,
  statusNow: (customId: string, s: WorkOrderStatus) => `${customId} is now ${STATUS_LABEL[s]}.`,
  editFailed: (what: string, why: string) => `Could not ${what}: ${why}`,
  escalation: (customId: string | null, title: string, name: string, minutes: number) =>
    `⏰ HIGH priority and untouched for ${minutes} min: ${customId ? `${customId} · ` : ''}${title} (${name}).`,


  // Notes only the supervisor sees.
  sentTo: (name: string) => `Sent to ${first(name)}.`,
  notSentResolved: (name: string) => `Not sent: this question is resolved. Start a reply with >> to send it to ${first(name)} anyway.`,
  noTechnicianChat: 'This thread has no technician chat to send to.',
  notAThread: 'This is not a Rivet thread, so there is nobody to send it to.',
  onlySupervisorWords: 'Only a person’s reply can be sent to the technician.',
  notForWorkOrder: 'That only works on a work order’s thread.',
  notForQuestion: 'That only works on a question’s thread.',
  threadGone: 'This thread is no longer known to Rivet.',
  alreadyResolved: 'This question is already resolved.',
  alreadyTakenOver: (by: string) => `${by} has already taken this conversation over.`,
  notTakenOver: 'Nobody has taken this conversation over.',
  assetGone: 'That machine is no longer in the asset list.',
  noTechnician: 'There is no technician to hand this to.',
  editQueued: (what: string) => `On it: ${what}.`,
  questionAnswer: { resumed: 'Thanks, the job goes on with your answer.', already_answered: 'That was already answered.', expired: 'That question has expired.', unknown: 'That question is no longer known.' },
  onlySupervisors: 'Rivet’s /rivet command is for supervisors: use it in the oversight channel.',
  atlasDown: 'Atlas is not answering right now; try again in a minute.',
  noAtlas: 'Rivet is not connected to Atlas.',
  help: [
    '/rivet status 42 – where WO000042 stands',
    '/rivet open – open work orders, most urgent first',
    '/rivet find pump 301 – look up a machine (and pick it for a waiting report)',
    '/rivet help – this list',
    'In a question’s thread your replies reach the technician; in a work order’s thread they stay internal unless they start with >>.',
  ].join('\n'),
  noneOpen: 'No open work orders.',
  openList: (lines: string[], total: number) => [`Open work orders (${total}), most urgent first:`, ...lines].join('\n'),
  found: (q: string, n: number) => (n ? `Machines matching “${q}”:` : `No machine matches “${q}”.`),
  pickFor: (name: string) => `Use for ${first(name)}`,
  unknownCommand: 'I don’t know that one. /rivet help lists what I can do.',
  statusUsage: 'Send the work order number, e.g. /rivet status 42.',
  findUsage: 'Say what to look for, e.g. /rivet find pump 301.',
};

/** To the technician, on a supervisor's behalf, in English: the master of the translations below. */
const techEn = {
  fromSupervisor: (by: string, text: string) => `${by} (supervisor): ${text}`,
  techPriority: (by: string, customId: string, p: Priority) => `${by} (supervisor) set ${customId} to ${PRIORITY_LABEL[p]} priority.`,
  techAssigned: (by: string, customId: string, to: string) => `${by} (supervisor) assigned ${customId} to ${to}.`,
  techCompleted: (by: string, customId: string) => `${by} (supervisor) marked ${customId} complete.`,
  techTakenOver: (by: string) => `${by} (supervisor) is taking over this conversation. Your messages now go to them, and they will answer here.`,
  techHandedBack: (by: string) => `${by} (supervisor) handed you back to Rivet. Tell me what's broken and where, and I'll file it.`,
};
type TechTexts = Catalog<typeof techEn>;

const PRIO: Record<'es' | 'pt' | 'de', Record<Priority, string>> = {
  es: { NONE: 'ninguna', LOW: 'baja', MEDIUM: 'media', HIGH: 'alta' },
  pt: { NONE: 'nenhuma', LOW: 'baixa', MEDIUM: 'média', HIGH: 'alta' },
  de: { NONE: 'keine', LOW: 'niedrige', MEDIUM: 'mittlere', HIGH: 'hohe' },
};

/** In the technician's language (core/texts): callers run `inLanguage(<their language>, …)`. */
export const tt: TechTexts = localized<TechTexts>({
  en: techEn,
  es: {
    fromSupervisor: (by, text) => `${by} (supervisor): ${text}`,
    techPriority: (by, id, p) => `${by} (supervisor) puso ${id} con prioridad ${PRIO.es[p]}.`,
    techAssigned: (by, id, to) => `${by} (supervisor) asignó ${id} a ${to}.`,
    techCompleted: (by, id) => `${by} (supervisor) marcó ${id} como completada.`,
    techTakenOver: (by) => `${by} (supervisor) lleva ahora esta conversación. Tus mensajes le llegan a él o ella, y te responderá aquí.`,
    techHandedBack: (by) => `${by} (supervisor) te devolvió a Rivet. Dime qué está roto y dónde, y abro la orden.`,
  },
  pt: {
    fromSupervisor: (by, text) => `${by} (supervisor): ${text}`,
    techPriority: (by, id, p) => `${by} (supervisor) definiu a prioridade de ${id} como ${PRIO.pt[p]}.`,
    techAssigned: (by, id, to) => `${by} (supervisor) atribuiu ${id} a ${to}.`,
    techCompleted: (by, id) => `${by} (supervisor) marcou ${id} como concluída.`,
    techTakenOver: (by) => `${by} (supervisor) assumiu esta conversa. Suas mensagens agora vão para essa pessoa, que vai responder aqui.`,
    techHandedBack: (by) => `${by} (supervisor) devolveu você ao Rivet. Diga o que quebrou e onde, e eu abro a ordem.`,
  },
  de: {
    fromSupervisor: (by, text) => `${by} (Vorgesetzte/r): ${text}`,
    techPriority: (by, id, p) => `${by} (Vorgesetzte/r) hat ${id} auf ${PRIO.de[p]} Priorität gesetzt.`,
    techAssigned: (by, id, to) => `${by} (Vorgesetzte/r) hat ${id} an ${to} zugewiesen.`,
    techCompleted: (by, id) => `${by} (Vorgesetzte/r) hat ${id} als erledigt markiert.`,
    techTakenOver: (by) => `${by} (Vorgesetzte/r) übernimmt dieses Gespräch. Deine Nachrichten gehen jetzt dorthin, und die Antwort kommt hier.`,
    techHandedBack: (by) => `${by} (Vorgesetzte/r) hat dich an Rivet zurückgegeben. Sag mir, was kaputt ist und wo, und ich lege den Auftrag an.`,
  },
});
