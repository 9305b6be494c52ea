/**
 * Intent by ordered cue rules. Order matters: cancel and help are unambiguous; with a work-order
 * number, questions ask for status, status words update it, notes/readings/parts comment on it;
 * without one, list / status-of-a-job / update-of-a-job / smalltalk / questions for a person /
 * fault reports. Low-confidence or unknown messages go to a person (ask_human).
 */
import type { Intent, WorkOrderStatus } from '../model.js';
import { ASK_HUMAN, CANCEL, CANCEL_SHORT_MAX_WORDS, CHECK, CHECK_WITH_NUMBER, COMMENT, FAULT, HELP, LIST, SMALLTALK } from './cues.js';
import { detectStatus, type StatusCue } from './status.js';

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
const NOTE_START = /^(?:\W*)(?:note|comment|kommentar|nota|comentario|add (?:to|a note)|fyi)\b/;

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

const matches = (list: readonly RegExp[] | RegExp, text: string) => (list instanceof RegExp ? list.test(text) : any(list, text));

/** A bit per cue list (the lists are module constants: a handful); 0 past 31 lists, i.e. not remembered. */
const listBits = new Map<readonly RegExp[] | RegExp, number>();
function listBit(list: readonly RegExp[] | RegExp): number {
  let b = listBits.get(list);
  if (b === undefined) {
    b = listBits.size < 31 ? 1 << listBits.size : 0;
    listBits.set(list, b);
  }
  return b;
}

/**
 * The cue rules' verdicts on one message, each regex run at most once: the rule intent
 * (classifyIntent) and the model's inputs (cueSignals) read the same lists on the same texts.
 * Built once per message by analyse() and passed to both.
 */
export class CueScan {
  /** Folded text, trimmed. */
  readonly t: string;
  /** Folded text with the work-order reference blanked. */
  readonly rest: string;
  private readonly raw: string;
  /** Verdicts by list id (listId): bit set in `known*` once computed, the verdict in `hit*`. */
  private knownT = 0;
  private hitT = 0;
  private knownRest = 0;
  private hitRest = 0;
  private nWords = -1;
  private alnum: boolean | undefined;
  private q: boolean | undefined;
  private statusT: StatusCue | null | undefined;
  private statusRest: StatusCue | null | undefined;

  constructor(inp: IntentInput) {
    this.t = inp.text.trim();
    this.rest = inp.textWithoutWo;
    this.raw = inp.raw;
  }

  /** Does a cue list (or one regex) match the trimmed folded text? */
  has(list: readonly RegExp[] | RegExp): boolean {
    const bit = listBit(list);
    if (this.knownT & bit) return (this.hitT & bit) !== 0;
    const v = matches(list, this.t);
    this.knownT |= bit;
    if (v) this.hitT |= bit;
    return v;
  }

  /** The same on the text without the work-order reference. */
  hasInRest(list: readonly RegExp[] | RegExp): boolean {
    const bit = listBit(list);
    if (this.knownRest & bit) return (this.hitRest & bit) !== 0;
    const v = matches(list, this.rest);
    this.knownRest |= bit;
    if (v) this.hitRest |= bit;
    return v;
  }

  /** Does the text have a letter or a digit at all (else it is emoji or punctuation)? */
  get hasLetterOrDigit(): boolean {
    this.alnum ??= /[\p{L}\p{N}]/u.test(this.t);
    return this.alnum;
  }

  /** Words of the trimmed folded text. */
  get words(): number {
    if (this.nWords < 0) this.nWords = this.t.split(/\s+/).filter((w) => w.length > 0).length;
    return this.nWords;
  }

  get question(): boolean {
    this.q ??= isQuestion(this.raw, this.t);
    return this.q;
  }

  status(): StatusCue | null {
    if (this.statusT === undefined) this.statusT = this.rest === this.t ? this.statusInRest() : detectStatus(this.t);
    return this.statusT;
  }

  statusInRest(): StatusCue | null {
    if (this.statusRest === undefined) this.statusRest = this.rest === this.t && this.statusT !== undefined ? this.statusT : detectStatus(this.rest);
    return this.statusRest;
  }
}

export function isQuestion(raw: string, text: string): boolean {
  return /\?\s*(?:\S{0,3})$/u.test(raw.trim()) || /^\s*¿/.test(raw) || QUESTION_START.test(text) || /\?\s/.test(raw);
}

export function classifyIntent(inp: IntentInput, scan: CueScan = new CueScan(inp)): IntentResult {
  const t = scan.t;
  const none = { status: null } as const;
  if (!scan.hasLetterOrDigit) return { intent: 'smalltalk', confidence: 0.9, ...none };
  if (scan.words <= CANCEL_SHORT_MAX_WORDS && scan.has(CANCEL)) return { intent: 'cancel', confidence: 0.95, ...none };
  if (scan.has(HELP)) return { intent: 'help', confidence: 0.9, ...none };
  const question = scan.question;

  if (inp.hasWorkOrder) {
    const rest = inp.textWithoutWo;
    const status = scan.statusInRest();
    if (scan.has(NOTE_START)) return { intent: 'add_comment', confidence: 0.9, ...none };
    if (question) return { intent: 'check_status', confidence: 0.9, ...none };
    if (status) return { intent: 'update_status', confidence: 0.88, status: status.status };
    if (scan.hasInRest(CHECK_WITH_NUMBER)) return { intent: 'check_status', confidence: 0.85, ...none };
    if (scan.hasInRest(COMMENT)) return { intent: 'add_comment', confidence: 0.82, ...none };
    if (!/[\p{L}]{2,}/u.test(rest)) return { intent: 'check_status', confidence: 0.7, ...none };
    return { intent: 'add_comment', confidence: 0.6, ...none };
  }

  if (scan.has(LIST)) return { intent: 'list_work_orders', confidence: 0.85, ...none };
  if (scan.has(CHECK)) return { intent: 'check_status', confidence: 0.8, ...none };
  const status = scan.status();
  if (status && scan.has(JOB_UPDATE) && !question) return { intent: 'update_status', confidence: 0.75, status: status.status };
  const fault = scan.has(FAULT);
  if (!fault && !inp.hasAsset && scan.words <= 8 && scan.has(SMALLTALK)) return { intent: 'smalltalk', confidence: 0.85, ...none };
  if (scan.has(REPORT_QUESTION) && (fault || inp.hasAsset) && !/\bhow to\b|\bshow me\b/.test(t)) {
    return { intent: 'create_work_order', confidence: 0.75, ...none };
  }
  if (scan.has(REQUEST) && !scan.has(NOT_REQUEST)) return { intent: 'create_work_order', confidence: 0.75, ...none };
  if (scan.has(ASK_HUMAN)) return { intent: 'ask_human', confidence: 0.8, ...none };
  if (fault) return { intent: 'create_work_order', confidence: inp.hasAsset ? 0.9 : 0.8, ...none };
  if (inp.hasAsset) return { intent: 'create_work_order', confidence: question ? 0.5 : 0.65, ...none };
  if (question) return { intent: 'ask_human', confidence: 0.6, ...none };
  if (scan.has(SMALLTALK)) return { intent: 'smalltalk', confidence: 0.6, ...none };
  return { intent: 'ask_human', confidence: 0.3, ...none };
}

/**
 * Which cue lists fire on a message: inputs of the learned model (model/features.ts), which
 * weighs them against the words themselves instead of taking the first rule that matches.
 * `scan`: the message's cue verdicts already computed (by analyse), reused.
 */
export function cueSignals(inp: IntentInput, scan: CueScan = new CueScan(inp)): string[] {
  const out: string[] = [];
  if (scan.words <= CANCEL_SHORT_MAX_WORDS && scan.has(CANCEL)) out.push('cancel');
  if (scan.has(HELP)) out.push('help');
  if (scan.has(SMALLTALK)) out.push('smalltalk');
  if (scan.has(LIST)) out.push('list');
  if (scan.has(CHECK)) out.push('check');
  if (scan.hasInRest(CHECK_WITH_NUMBER)) out.push('check#');
  if (scan.hasInRest(COMMENT)) out.push('comment');
  if (scan.has(ASK_HUMAN)) out.push('ask');
  if (scan.has(FAULT)) out.push('fault');
  if (scan.has(REPORT_QUESTION)) out.push('reportq');
  if (scan.has(REQUEST)) out.push('request');
  if (scan.has(NOT_REQUEST)) out.push('notrequest');
  if (scan.has(JOB_UPDATE)) out.push('jobupdate');
  if (scan.question) out.push('question');
  if (scan.has(NOTE_START)) out.push('notestart');
  const status = scan.statusInRest();
  if (status) out.push(`status:${status.status}`);
  return out;
}
