/**
 * Intent by ordered cue rules. Order matters: cancel and help are unambiguous; with a work-order
 * number, questions ask for status, status words update it, notes/readings/parts comment on it;
 * without one, list / status-of-a-job / update-of-a-job / smalltalk / questions for a person /
 * fault reports. Low-confidence or unknown messages go to a person (ask_human).
 */
import type { Intent, WorkOrderStatus } from '../model.js';
import { ASK_HUMAN, CANCEL, CANCEL_SHORT_MAX_WORDS, CHECK, CHECK_WITH_NUMBER, COMMENT, FAULT, HELP, LIST, SMALLTALK } from './cues.js';
import { detectStatus } from './status.js';

export interface IntentInput {
  /** Folded text without apostrophes. */
  text: string;
  /** The raw text (for "?" and emoji). */
  raw: string;
  hasWorkOrder: boolean;
  /** Folded text with the work-order reference removed. */
  textWithoutWo: string;
  hasAsset: boolean;
}

export interface IntentResult {
  intent: Intent;
  confidence: number;
  status: WorkOrderStatus | null;
}

/** Below this confidence the bot hands over to a person rather than guess. */
export const MIN_CONFIDENCE = 0.5;

const QUESTION_START =
  /^(?:is|was|were|did|does|do|any|has|have|can|could|would|will|when|who|whos|what|whats|where|wheres|how|hows|which|are|eta|why|como|cuando|quien|donde|que|quem|onde|quando|wann|wer|wie|ist|gibt)\b/;
const REPORT_QUESTION = /\b(?:is|has) (?:anyone|anybody|someone|somebody) (?:looking|working|coming|seen|noticed|checked)\b|\bcan (?:someone|somebody|anyone|you) (?:look|check|come|fix|take a look|send)\b/;
const REQUEST = /\b(?:can|could) (?:we|you|someone|somebody|u) (?:get|have)\b.*\b(?:repaint\w*|fix\w*|replac\w*|look\w* at|check\w*|clean\w*|install\w*|repair\w*|paint\w*|patch\w*)\b/;
const NOT_REQUEST = /\bquote\b|\bapprov\w*\b|\bpermit\b|\bspare\b|\border (?:a|some|the)\b|\bbudget\b/;
const JOB_UPDATE = /\bjob\b|\bback (?:in service|online|up)\b|\brunning normal\b|\bthe (?:repair|fix) is\b/;

/** One alternation per cue list: a single scan of the text instead of one per pattern. */
const combined = new Map<readonly RegExp[], RegExp>();
function any(list: readonly RegExp[], text: string): boolean {
  let re = combined.get(list);
  if (re === undefined) {
    re = new RegExp(list.map((r) => `(?:${r.source})`).join('|'));
    combined.set(list, re);
  }
  return re.test(text);
}

export function isQuestion(raw: string, text: string): boolean {
  return /\?\s*(?:\S{0,3})$/u.test(raw.trim()) || /^\s*¿/.test(raw) || QUESTION_START.test(text) || /\?\s/.test(raw);
}

export function classifyIntent(inp: IntentInput): IntentResult {
  const t = inp.text.trim();
  const words = t.split(/\s+/).filter((w) => w.length > 0);
  const none = { status: null } as const;
  if (!/[\p{L}\p{N}]/u.test(t)) return { intent: 'smalltalk', confidence: 0.9, ...none };
  if (words.length <= CANCEL_SHORT_MAX_WORDS && CANCEL.test(t)) return { intent: 'cancel', confidence: 0.95, ...none };
  if (any(HELP, t)) return { intent: 'help', confidence: 0.9, ...none };
  const question = isQuestion(inp.raw, t);

  if (inp.hasWorkOrder) {
    const rest = inp.textWithoutWo;
    const status = detectStatus(rest);
    if (/^(?:\W*)(?:note|comment|kommentar|nota|comentario|add (?:to|a note)|fyi)\b/.test(t)) return { intent: 'add_comment', confidence: 0.9, ...none };
    if (question) return { intent: 'check_status', confidence: 0.9, ...none };
    if (status) return { intent: 'update_status', confidence: 0.88, status: status.status };
    if (any(CHECK_WITH_NUMBER, rest)) return { intent: 'check_status', confidence: 0.85, ...none };
    if (any(COMMENT, rest)) return { intent: 'add_comment', confidence: 0.82, ...none };
    if (!/[\p{L}]{2,}/u.test(rest)) return { intent: 'check_status', confidence: 0.7, ...none };
    return { intent: 'add_comment', confidence: 0.6, ...none };
  }

  if (any(LIST, t)) return { intent: 'list_work_orders', confidence: 0.85, ...none };
  if (any(CHECK, t)) return { intent: 'check_status', confidence: 0.8, ...none };
  const status = detectStatus(t);
  if (status && JOB_UPDATE.test(t) && !question) return { intent: 'update_status', confidence: 0.75, status: status.status };
  const fault = FAULT.test(t);
  if (!fault && !inp.hasAsset && words.length <= 8 && any(SMALLTALK, t)) return { intent: 'smalltalk', confidence: 0.85, ...none };
  if (REPORT_QUESTION.test(t) && (fault || inp.hasAsset) && !/\bhow to\b|\bshow me\b/.test(t)) {
    return { intent: 'create_work_order', confidence: 0.75, ...none };
  }
  if (REQUEST.test(t) && !NOT_REQUEST.test(t)) return { intent: 'create_work_order', confidence: 0.75, ...none };
  if (any(ASK_HUMAN, t)) return { intent: 'ask_human', confidence: 0.8, ...none };
  if (fault) return { intent: 'create_work_order', confidence: inp.hasAsset ? 0.9 : 0.8, ...none };
  if (inp.hasAsset) return { intent: 'create_work_order', confidence: question ? 0.5 : 0.65, ...none };
  if (question) return { intent: 'ask_human', confidence: 0.6, ...none };
  if (any(SMALLTALK, t)) return { intent: 'smalltalk', confidence: 0.6, ...none };
  return { intent: 'ask_human', confidence: 0.3, ...none };
}

/**
 * Which cue lists fire on a message: inputs of the learned model (model/features.ts), which
 * weighs them against the words themselves instead of taking the first rule that matches.
 */
export function cueSignals(inp: IntentInput): string[] {
  const t = inp.text.trim();
  const out: string[] = [];
  const words = t.split(/\s+/).filter((w) => w.length > 0).length;
  if (words <= CANCEL_SHORT_MAX_WORDS && CANCEL.test(t)) out.push('cancel');
  if (any(HELP, t)) out.push('help');
  if (any(SMALLTALK, t)) out.push('smalltalk');
  if (any(LIST, t)) out.push('list');
  if (any(CHECK, t)) out.push('check');
  if (any(CHECK_WITH_NUMBER, inp.textWithoutWo)) out.push('check#');
  if (any(COMMENT, inp.textWithoutWo)) out.push('comment');
  if (any(ASK_HUMAN, t)) out.push('ask');
  if (FAULT.test(t)) out.push('fault');
  if (REPORT_QUESTION.test(t)) out.push('reportq');
  if (REQUEST.test(t)) out.push('request');
  if (NOT_REQUEST.test(t)) out.push('notrequest');
  if (JOB_UPDATE.test(t)) out.push('jobupdate');
  if (isQuestion(inp.raw, t)) out.push('question');
  if (/^(?:\W*)(?:note|comment|kommentar|nota|comentario|add (?:to|a note)|fyi)\b/.test(t)) out.push('notestart');
  const status = detectStatus(inp.textWithoutWo);
  if (status) out.push(`status:${status.status}`);
  return out;
}
