/**
 * When Rivet cannot place a message, it asks the person first: a short question with the likeliest
 * meanings as buttons ("Status of WO002250?" / "Report a problem" / "Ask a supervisor"). Only the
 * "Ask a supervisor" tap, or a message that is nothing but a question for a person, reaches a human.
 *
 * A bare number ("2250", "hows 2250 coming along") may be a work order or an asset's code or room:
 * what exists settles it (an open work order this person may see vs an asset with that number), and
 * when both do, the person is asked.
 */
import type { AssetRecord, Intent } from '../model.js';
import { CLARIFY_BELOW } from '../understanding/interpret.js';
import { btn, outcome, owner, say } from './kit.js';
import { candidateLabels, t } from './texts.js';
import type { FlowContext, FlowDeps, FlowInterpretation, Meaning, Outcome } from './types.js';
import { visibleOpenWorkOrder } from './work-orders.js';

/**
 * A reading below the understanding layer's calibrated line (CLARIFY_BELOW), with other meanings to
 * offer: asked about, not acted on. A greeting or help guessed wrongly costs nothing, unless the
 * message carries a number (then it was likely about a work order or a machine).
 */
export function isGuess(i: FlowInterpretation, number: number | null): boolean {
  // Only when another meaning is a real contender: a report read at 0.79 with nothing else near is acted on (the card confirms it).
  if (i.intent === 'ask_human' || i.confidence >= CLARIFY_BELOW || (i.alternatives?.[1]?.confidence ?? 0) < GUESS_RIVAL) return false;
  return !['smalltalk', 'help', 'cancel'].includes(i.intent) || number !== null;
}

/** "2250", "#2250", "2250?": nothing but a number. */
export function loneNumber(text: string): number | null {
  const m = /^\s*#?(\d{1,7})\s*\??\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}

/** An alternative meaning the understanding layer gives (or that is guessed from what it has). */
export interface Alternative {
  intent: Intent;
  confidence: number;
}

/** An ask_human below this is the understanding layer's "cannot place it" (flow.ts hands it over as not understood). */
const UNPLACED = 0.5;
/** An ask_human at or above this, without a number in it, is a plain question for a person. */
export const CLEAR_QUESTION = 0.75;
/** A second meaning at least this likely makes a reading below CLARIFY_BELOW a guess worth asking about. */
const GUESS_RIVAL = 0.2;
/** Alternatives below this are not worth a button. */
const ALTERNATIVE_MIN = 0.25;
/** At most this many meanings besides "Ask a supervisor". */
const MAX_MEANINGS = 2;

/**
 * The other meanings a message may have, likeliest first. The understanding layer will carry them
 * (`alternatives` on the Interpretation); until it does they are guessed from what it has.
 */
export function alternativesOf(i: FlowInterpretation, number: number | null): Alternative[] {
  return i.alternatives ?? guessedAlternatives(i, number);
}

function guessedAlternatives(i: FlowInterpretation, number: number | null): Alternative[] {
  const out: Alternative[] = [];
  if (i.intent !== 'ask_human') out.push({ intent: i.intent, confidence: i.confidence });
  if (number !== null) out.push({ intent: 'check_status', confidence: 0.5 });
  // A machine named in a message Rivet could not place at all may be a report; in a clear question for a person it is context.
  if (i.asset && i.confidence < UNPLACED) out.push({ intent: 'create_work_order', confidence: 0.4 });
  return out;
}

/**
 * "2250" in "hows 2250 coming along": one number of at most 7 digits standing alone (not part of a code
 * like P-301 or a measure like 72F), in a message that does not call it a work order. Null otherwise.
 */
export function bareNumber(text: string): number | null {
  if (/\b(?:wo|w\/o|work\s*order|ticket|job|ot|orden|ordem|auftrag)\b|#/i.test(text)) return null;
  const found = [...text.matchAll(/(?<![\p{L}\p{N}\-./:,])(\d{1,7})(?![\p{L}\p{N}\-/:%°]|[.,]\d)/gu)].map((m) => Number(m[1]));
  return found.length === 1 ? found[0]! : null;
}

/** Assets whose tag, name, label or room carries the number as a whole ("PTAC-733", "Room 733"); at most 5. */
export function assetsNumbered(deps: FlowDeps, n: number): AssetRecord[] {
  // Not the record id (A002250) nor zero-padded labels: those are not what people say.
  const whole = new RegExp(`(?:^|[^0-9])${n}(?:$|[^0-9])`);
  const out: AssetRecord[] = [];
  for (const a of deps.catalog?.() ?? []) {
    if ([a.name, a.barCode ?? '', a.location?.name ?? ''].some((f) => whole.test(f))) out.push(a);
    if (out.length >= 5) break;
  }
  return out;
}

/** What a bare number is: the person's open work order, assets with that number, or both. */
export async function whatNumberIs(ctx: FlowContext, deps: FlowDeps, n: number) {
  const [workOrder, assets] = await Promise.all([visibleOpenWorkOrder(ctx, deps, n), Promise.resolve(assetsNumbered(deps, n))]);
  return { workOrder, assets };
}

/**
 * The clarifying question, or null when there is nothing to offer but a person (then the caller
 * hands the message over as before).
 */
export async function clarify(ctx: FlowContext, deps: FlowDeps, text: string, i: FlowInterpretation, number: number | null): Promise<Outcome | null> {
  // A clear question for a person, with no number that could be a work order, goes to a person.
  if (i.intent === 'ask_human' && i.confidence >= CLEAR_QUESTION && number === null) return null;
  const found = number !== null ? await whatNumberIs(ctx, deps, number) : { workOrder: null, assets: [] as AssetRecord[] };
  const meanings: Meaning[] = [];
  for (const a of alternativesOf(i, number).sort((x, y) => y.confidence - x.confidence)) {
    if (a.confidence < ALTERNATIVE_MIN) continue;
    const m = meaningOf(a.intent, number, found.workOrder !== null);
    if (m && !meanings.includes(m)) meanings.push(m);
  }
  // A number that is one asset's (its tag, its room) is a report on it, said or not.
  if (found.assets.length === 1 && !meanings.includes('report')) meanings.push('report');
  if (meanings.length === 0) return null;
  return ask(ctx, text, meanings.slice(0, MAX_MEANINGS), found.workOrder ? number : null, found.assets.length === 1 ? found.assets[0]! : null);
}

function meaningOf(intent: Intent, number: number | null, workOrderExists: boolean): Meaning | null {
  switch (intent) {
    case 'check_status':
    case 'update_status':
    case 'add_comment':
      return number !== null && workOrderExists ? 'status' : null;
    case 'create_work_order':
      return 'report';
    case 'list_work_orders':
      return 'mine';
    default:
      return null;
  }
}

/** Asks which meaning it is: the buttons, then "Ask a supervisor" and Cancel. */
export function ask(ctx: FlowContext, text: string, meanings: Meaning[], number: number | null, asset: AssetRecord | null, opts: { prompt?: string } = {}): Outcome {
  const label = (m: Meaning) => {
    switch (m) {
      case 'status': return t.meaningStatus(number!);
      case 'report': return asset ? t.meaningReportOn(candidateLabels([asset])[0]!) : t.meaningReport;
      case 'mine': return t.meaningMine;
      case 'human': return t.meaningHuman;
    }
  };
  const all = [...meanings.filter((m) => m !== 'human' && (m !== 'status' || number !== null)), 'human' as const];
  return outcome({
    state: { ...owner(ctx), kind: 'clarify', text, number, assetId: asset?.id ?? null, meanings: all },
    replies: [
      say(opts.prompt ?? t.clarify, {
        buttons: [...all.map((m) => [btn(ctx, label(m), { type: 'meaning', meaning: m })]), [btn(ctx, t.cancel, { type: 'cancel' })]],
      }),
    ],
  });
}
