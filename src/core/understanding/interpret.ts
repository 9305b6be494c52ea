/**
 * interpret(text, context): what a technician's message means — intent with a calibrated
 * confidence and the likeliest alternatives, priority, work-order number, status, the asset
 * mention (resolved against the registry when one is given), a clean title and the language.
 * Pure and deterministic: the learned model (model/) is a constant committed with the code.
 */
import type { Intent, Priority, WorkOrderStatus } from '../model.js';
import type { AssetIndex, Resolution, ResolveContext } from '../assets/index.js';
import { analyse, type Analysis } from './analyse.js';
import { detectLanguage, type Language } from './language.js';
import { makeTitle } from './title.js';
import { findBareWorkOrder } from './workorder-number.js';
import { statedPriority } from './priority.js';
import { featuresOf, knowsNothing } from './model/features.js';
import { priorityFeaturesOf } from './model/priority-features.js';
import { predict, probabilities, ranked as rankedOf, type Model } from './model/model.js';
import { bundledModel } from './model/bundled.js';

export interface InterpretContext {
  assets?: AssetIndex;
  resolveContext?: ResolveContext;
  /** The model to use; the committed one (model/weights.ts) when left out. */
  model?: Model;
}

export interface IntentAlternative {
  intent: Intent;
  /** Calibrated probability of this reading, 0..1. */
  confidence: number;
}

export interface Interpretation {
  intent: Intent;
  /** Probability that `intent` is right (calibrated on sites the model did not train on), 0..1. */
  confidence: number;
  /** The model's likeliest readings, best first (normally the first is `intent`); for "did you mean A or B?". */
  alternatives: IntentAlternative[];
  /** only for create_work_order */
  priority: Priority | null;
  workOrderNumber: number | null;
  /** only for update_status */
  status: WorkOrderStatus | null;
  asset: { mention: string; start: number; end: number; resolution: Resolution | null } | null;
  /** clean WO title for reports (short, capitalised, no filler like "hey", "pls") */
  title: string | null;
  /** the technician's full text, trimmed */
  description: string;
  language: Language;
}

/**
 * Below this confidence the reading is a guess: the conversation should ask "did you mean A or
 * B?" with the first two `alternatives` (or hand over to a person). Chosen from the reliability
 * table of `npm run eval -- --dev --loso`: on sites the model never saw, readings below 0.8 were
 * right only about six times in ten (45–70 % per band), those at 0.8 or above 97 % of the time;
 * about 8 % of messages fall below.
 */
export const CLARIFY_BELOW = 0.8;

const WO_INTENTS = new Set<Intent>(['check_status', 'update_status', 'add_comment']);
const NO_ASSET_INTENTS = new Set<Intent>(['smalltalk', 'help', 'cancel']);
/** How many alternatives an Interpretation lists. */
const ALTERNATIVES = 3;

/** Exact shortcuts stay rules: emoji-only messages, slash commands, a bare "cancel" or "help". */
function shortcut(a: Analysis): Intent | null {
  const t = a.cues.t; // the folded text, trimmed
  if (!a.cues.hasLetterOrDigit) return 'smalltalk';
  if (a.rules.intent !== 'help' && a.rules.intent !== 'cancel') return null;
  if (/^\/[a-z]+\b/.test(t)) return a.rules.intent;
  if (a.cues.words <= 2 && a.wo === null && a.rules.confidence >= 0.9) return a.rules.intent;
  return null;
}

/** The machine for the title: the resolved asset, else the words that named it. */
function titleSource(located: { mention: string; resolution: Resolution | null } | null) {
  const r = located?.resolution;
  return { mention: located?.mention ?? null, asset: r?.decision === 'resolved' ? (r.candidates[0]?.asset ?? null) : null };
}

const SURE = 0.99;

export function interpret(text: string, ctx: InterpretContext = {}): Interpretation {
  const description = text.trim();
  const model = ctx.model ?? bundledModel();
  const a = analyse(text, ctx.assets, ctx.resolveContext);
  const language = detectLanguage(text);

  let intent: Intent;
  let confidence: number;
  let alternatives: IntentAlternative[];
  let feats: number[] | null = null;
  const fixed = shortcut(a);
  if (fixed !== null) {
    intent = fixed;
    confidence = SURE;
    alternatives = [{ intent, confidence }];
  } else {
    feats = featuresOf(a, language);
    const p = probabilities(model.intent, feats);
    const ranked = rankedOf(model.intent, p, ALTERNATIVES);
    intent = ranked[0]!.label as Intent;
    confidence = ranked[0]!.p;
    // Not one word any rule or language pack knows, and the model unsure: "no idea" goes to a person.
    if (confidence < CLARIFY_BELOW && knowsNothing(a)) {
      intent = 'ask_human';
      confidence = p[model.intent.labels.indexOf('ask_human')]!;
    }
    alternatives = ranked.slice(0, ALTERNATIVES).map((r) => ({ intent: r.label as Intent, confidence: round(r.p) }));
  }

  let priority: Priority | null = null;
  if (intent === 'create_work_order' && feats) {
    priority = statedPriority(a.priorityText) ?? (predict(model.priority, priorityFeaturesOf(a), 1)[0]!.label as Priority);
  }
  let status: WorkOrderStatus | null = null;
  if (intent === 'update_status' && feats) status = predict(model.status, feats, 1)[0]!.label as WorkOrderStatus;

  // About an existing work order but no number in a recognised form: a bare number is its number.
  const wo = a.wo ?? (WO_INTENTS.has(intent) ? findBareWorkOrder(text) : null);

  return {
    intent,
    confidence: round(confidence),
    alternatives,
    priority,
    workOrderNumber: wo?.number ?? null,
    status,
    asset: a.located && !NO_ASSET_INTENTS.has(intent) ? a.located : null,
    title: intent === 'create_work_order' ? makeTitle(description, titleSource(a.located)) : null,
    description,
    language,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
