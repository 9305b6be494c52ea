/**
 * interpret(text, context): what a technician's message means — intent, confidence, priority,
 * work-order number, status, the asset mention (resolved against the registry when one is
 * given), a clean title and the language. Pure and deterministic.
 */
import type { Intent, Priority, WorkOrderStatus } from '../model.js';
import { buildAssetIndex, canLocate, type AssetIndex, type LocatingAssetIndex, type Resolution, type ResolveContext } from '../assets/index.js';
import { fold } from '../assets/text.js';
import { classifyIntent, MIN_CONFIDENCE } from './intent.js';
import { detectLanguage, type Language } from './language.js';
import { detectPriority } from './priority.js';
import { makeTitle } from './title.js';
import { findWorkOrder } from './workorder-number.js';

export interface InterpretContext {
  assets?: AssetIndex;
  resolveContext?: ResolveContext;
}

export interface Interpretation {
  intent: Intent;
  /** 0..1 */
  confidence: number;
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

/** Finds equipment phrases by general vocabulary only, when no registry (or a foreign one) is given. */
let lexiconOnly: LocatingAssetIndex | null = null;
function genericLocator(): LocatingAssetIndex {
  lexiconOnly ??= buildAssetIndex([]);
  return lexiconOnly;
}

const NO_ASSET_INTENTS = new Set<Intent>(['smalltalk', 'help', 'cancel']);

function blank(s: string, start: number, end: number): string {
  return s.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + s.slice(end);
}

/** The machine for the title: the resolved asset, else the words that named it. */
function titleSource(located: { mention: string; resolution: Resolution | null } | null) {
  const r = located?.resolution;
  return { mention: located?.mention ?? null, asset: r?.decision === 'resolved' ? (r.candidates[0]?.asset ?? null) : null };
}

export function interpret(text: string, ctx: InterpretContext = {}): Interpretation {
  const description = text.trim();
  const wo = findWorkOrder(text);
  const exclude: Array<readonly [number, number]> = wo ? [[wo.refStart, wo.end]] : [];
  const locOpts = { exclude, hasWorkOrder: wo !== null };

  let located: { mention: string; start: number; end: number; resolution: Resolution | null } | null = null;
  if (ctx.assets && canLocate(ctx.assets)) {
    located = ctx.assets.locate(text, locOpts, ctx.resolveContext);
  } else {
    const g = genericLocator().locate(text, locOpts);
    if (g) located = { ...g, resolution: ctx.assets ? ctx.assets.resolve(g.mention, ctx.resolveContext) : null };
  }

  const folded = fold(text).replace(/['’`´]/g, '');
  const withoutWo = wo ? fold(blank(text, wo.refStart, wo.end)).replace(/['’`´]/g, '') : folded;
  const res = classifyIntent({ text: folded, raw: text, hasWorkOrder: wo !== null, textWithoutWo: withoutWo, hasAsset: located !== null });

  let intent = res.intent;
  let confidence = res.confidence;
  if (confidence < MIN_CONFIDENCE && intent !== 'ask_human') {
    intent = 'ask_human';
    confidence = 1 - confidence;
  }

  let priority: Priority | null = null;
  if (intent === 'create_work_order') {
    let p = wo ? blank(text, wo.refStart, wo.end) : text;
    if (located) p = p.slice(0, located.start) + 'asset' + p.slice(located.end);
    priority = detectPriority(fold(p).replace(/['’`´]/g, ''), located ? fold(located.mention) : '').priority;
  }

  return {
    intent,
    confidence: Math.round(confidence * 100) / 100,
    priority,
    workOrderNumber: wo?.number ?? null,
    status: intent === 'update_status' ? res.status : null,
    asset: located && !NO_ASSET_INTENTS.has(intent) ? located : null,
    title: intent === 'create_work_order' ? makeTitle(description, titleSource(located)) : null,
    description,
    language: detectLanguage(text),
  };
}
