/**
 * The deterministic first pass over a message, shared by interpret() and by training: the
 * work-order reference, the asset mention (resolved against the registry when one is given),
 * the folded text with and without the reference, the text priority reads (mention replaced by
 * "asset") and the rule intent. The learned model (model/) reads its features from this.
 */
import { buildAssetIndex, canLocate, type AssetIndex, type LocatingAssetIndex, type Resolution, type ResolveContext } from '../assets/index.js';
import { fold } from '../assets/text.js';
import { CueScan, classifyIntent, type IntentResult } from './intent.js';
import { findWorkOrder, type WorkOrderRef } from './workorder-number.js';

export interface Located {
  mention: string;
  start: number;
  end: number;
  resolution: Resolution | null;
}

export interface Analysis {
  raw: string;
  /** Folded text without apostrophes. */
  text: string;
  /** The same with the work-order reference blanked out. */
  textWithoutWo: string;
  /** Folded text priority reads: the reference blanked, the mention replaced by "asset". */
  priorityText: string;
  wo: WorkOrderRef | null;
  located: Located | null;
  /** What the hand-written cue rules say (an input feature of the model, and its fallback). */
  rules: IntentResult;
  /** The cue rules' verdicts on this message, computed once (the rules and the model's features share them). */
  cues: CueScan;
}

/** Finds equipment phrases by general vocabulary only, when no registry (or a foreign one) is given. */
let lexiconOnly: LocatingAssetIndex | null = null;
function genericLocator(): LocatingAssetIndex {
  lexiconOnly ??= buildAssetIndex([]);
  return lexiconOnly;
}

function blank(s: string, start: number, end: number): string {
  return s.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + s.slice(end);
}

const noApostrophes = (s: string) => fold(s).replace(/['’`´]/g, '');

export function analyse(text: string, assets?: AssetIndex, resolveContext?: ResolveContext): Analysis {
  const wo = findWorkOrder(text);
  const exclude: Array<readonly [number, number]> = wo ? [[wo.refStart, wo.end]] : [];
  const locOpts = { exclude, hasWorkOrder: wo !== null };

  let located: Located | null = null;
  if (assets && canLocate(assets)) {
    located = assets.locate(text, locOpts, resolveContext);
  } else {
    const g = genericLocator().locate(text, locOpts);
    if (g) located = { ...g, resolution: assets ? assets.resolve(g.mention, resolveContext) : null };
  }

  const folded = noApostrophes(text);
  const withoutWo = wo ? noApostrophes(blank(text, wo.refStart, wo.end)) : folded;
  let p = wo ? blank(text, wo.refStart, wo.end) : text;
  if (located) p = p.slice(0, located.start) + 'asset' + p.slice(located.end);
  const inp = { text: folded, raw: text, hasWorkOrder: wo !== null, textWithoutWo: withoutWo, hasAsset: located !== null };
  const cues = new CueScan(inp);
  const rules = classifyIntent(inp, cues);
  return { raw: text, text: folded, textWithoutWo: withoutWo, priorityText: noApostrophes(p), wo, located, rules, cues };
}
