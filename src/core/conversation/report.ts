/**
 * Making a report: resolve the asset (ask "which one?" when unsure), offer the open work
 * order of that asset (one the person may see), then a confirmation card whose Create tap files
 * it, or hands it to a supervisor for approval when the person's plan asks for that.
 */
import { isSupervisor } from '../access/index.js';
import type { AssetRecord } from '../model.js';
import { observe } from '../observe/index.js';
import type { DisambiguationOutcome } from '../observe/types.js';
import { planOf } from '../plans/index.js';
import { assetTitleLabel, makeTitle } from '../understanding/title.js';
import { reportConfirmed } from './feedback.js';
import { assetLabel, candidateLabels, t } from './texts.js';
import { btn, outcome, owner, resolveContext, say } from './kit.js';
import type { Draft, FlowContext, FlowDeps, FlowResolution, Outcome, WorkOrderSummary } from './types.js';

const MAX_CANDIDATES = 5;

/** The asset is known: the title names it (unless the technician wrote the title themselves). */
export function withAsset(draft: Draft, asset: AssetRecord): Draft {
  const named = draft.title.toLowerCase().startsWith(assetTitleLabel(asset).toLowerCase());
  const title = draft.titleEdited || !draft.text || named ? null : makeTitle(draft.text, { asset, mention: draft.unresolvedMention });
  return { ...draft, ...(title ? { title } : {}), assetId: asset.id, assetLabel: assetLabel(asset, 100), locationId: asset.location?.id ?? draft.locationId, unresolvedMention: null };
}

/** Longest title a technician may type (Atlas shows more, a list shows less). */
export const MAX_TYPED_TITLE = 100;

/** The Title button: the next text becomes the title. */
export function titleEditor(ctx: FlowContext, draft: Draft): Outcome {
  return outcome({
    state: { ...owner(ctx), kind: 'confirm_create', draft, choosingPriority: false, editingTitle: true },
    replies: [say(t.askTitle(draft), { edit: true, buttons: [[btn(ctx, t.cancel, { type: 'cancel' })]] })],
  });
}

/** A typed title: one line, trimmed, at most MAX_TYPED_TITLE characters on a word. */
export function typedTitle(ctx: FlowContext, draft: Draft, text: string): Outcome {
  let title = text.replace(/\s+/g, ' ').trim();
  if (!title) return outcome({ replies: [say(t.titleEmpty)] });
  if (title.length > MAX_TYPED_TITLE) {
    const cut = title.slice(0, MAX_TYPED_TITLE + 1);
    title = cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : MAX_TYPED_TITLE).trim();
  }
  return confirmCard(ctx, { ...draft, title, titleEdited: true });
}

/** Continues a draft whose asset is known, or tries to find it from a mention. */
export async function proceed(
  ctx: FlowContext,
  deps: FlowDeps,
  draft: Draft,
  mention: { text: string; resolution: FlowResolution | null } | null,
  opts: { edit?: boolean; tries?: number } = {},
): Promise<Outcome> {
  if (draft.assetId !== null) return checkExisting(ctx, deps, draft, opts);
  const resolution = mention ? mention.resolution ?? deps.resolveAsset(mention.text, resolveContext(ctx)) : null;
  const top = resolution?.candidates[0];
  const settled = (o: DisambiguationOutcome, n = MAX_CANDIDATES) => ({
    type: 'disambiguation' as const,
    outcome: o,
    mention: mention?.text ?? null,
    candidates: (resolution?.candidates ?? []).slice(0, n).map((c) => ({ id: c.asset.id, score: c.score })),
  });
  if (resolution?.decision === 'resolved' && top) return observe(await checkExisting(ctx, deps, withAsset(draft, top.asset), opts), settled('resolved', 1));
  if (resolution?.decision === 'ambiguous' && resolution.candidates.length > 1) {
    return observe(chooseAsset(ctx, draft, usualFirst(ctx, resolution.candidates.slice(0, MAX_CANDIDATES).map((c) => c.asset)), mention?.text ?? null, opts), settled('asked'));
  }
  // A report that never named a machine is not a disambiguation.
  const named = mention !== null;
  const tries = opts.tries ?? 0;
  if (tries >= 1) {
    // Asked once already: file it without a machine rather than loop.
    return observe(confirmCard(ctx, { ...draft, unresolvedMention: mention?.text ?? draft.unresolvedMention }, { ...opts, prefix: t.noAssetCard }), named ? settled('unresolved') : null);
  }
  return observe(outcome({
    state: { ...owner(ctx), kind: 'await_asset', draft: { ...draft, unresolvedMention: mention?.text ?? null }, tries: tries + 1 },
    replies: [say(t.askAssetName(mention?.text ?? null), { buttons: [[btn(ctx, t.dontKnow, { type: 'none' })]], edit: opts.edit ?? false })],
  }), named ? settled('not_found') : null);
}

/** "Which one?" offers the machines where the person usually works first (the order is otherwise kept). */
function usualFirst(ctx: FlowContext, assets: AssetRecord[]): AssetRecord[] {
  const usual = new Set(ctx.user.usualLocationIds ?? []);
  if (usual.size === 0) return assets;
  const here = (a: AssetRecord) => (a.location && usual.has(a.location.id) ? 0 : 1);
  return assets.map((a, i) => ({ a, i })).sort((x, y) => here(x.a) - here(y.a) || x.i - y.i).map((x) => x.a);
}

function chooseAsset(ctx: FlowContext, draft: Draft, assets: AssetRecord[], mention: string | null, opts: { edit?: boolean }): Outcome {
  const labels = candidateLabels(assets);
  const candidates = assets.map((a, i) => ({ id: a.id, label: labels[i]! }));
  return outcome({
    state: { ...owner(ctx), kind: 'choose_asset', draft: { ...draft, unresolvedMention: mention }, candidates },
    replies: [
      say(t.whichAsset(mention), {
        edit: opts.edit ?? false,
        buttons: [
          ...candidates.map((c) => [btn(ctx, c.label, { type: 'asset', assetId: c.id })]),
          [btn(ctx, t.noneOfThese, { type: 'none' }), btn(ctx, t.cancel, { type: 'cancel' })],
        ],
      }),
    ],
  });
}

/** When the asset already has an open work order the person may see, offer to add to it instead. */
export async function checkExisting(ctx: FlowContext, deps: FlowDeps, draft: Draft, opts: { edit?: boolean } = {}): Promise<Outcome> {
  if (draft.assetId === null) return confirmCard(ctx, draft, opts);
  let open: WorkOrderSummary[];
  try {
    open = await deps.reader.openForAsset(draft.assetId);
  } catch {
    // Atlas is slow or down: the check is a nicety, the report must still go through.
    open = [];
  }
  // Someone else's work order is never offered (nor its title shown).
  const wo = open.length ? (await deps.access.visible(ctx.actor, open))[0] : undefined;
  if (!wo) return confirmCard(ctx, draft, opts);
  const ref = { id: wo.id, customId: wo.customId, title: wo.title };
  return outcome({
    state: { ...owner(ctx), kind: 'existing_open', draft, workOrder: ref },
    replies: [
      say(t.existingOpen(draft.assetLabel ?? wo.asset?.name ?? 'This asset', wo), {
        edit: opts.edit ?? false,
        buttons: [
          [btn(ctx, t.addTo(ref), { type: 'add_to_existing' })],
          [btn(ctx, t.createNew, { type: 'create_new' }), btn(ctx, t.cancel, { type: 'cancel' })],
        ],
      }),
    ],
  });
}

export function confirmCard(ctx: FlowContext, draft: Draft, opts: { edit?: boolean; prefix?: string } = {}): Outcome {
  const replies = [];
  if (opts.prefix) replies.push(say(opts.prefix, { edit: opts.edit ?? false }));
  replies.push(
    say(t.confirmCard(draft), {
      edit: !opts.prefix && (opts.edit ?? false),
      buttons: [
        [btn(ctx, t.create, { type: 'create' })],
        [btn(ctx, t.changePriority, { type: 'priority', priority: null }), btn(ctx, t.changeTitle, { type: 'edit_title' })],
        [btn(ctx, t.cancel, { type: 'cancel' })],
      ],
    }),
  );
  return outcome({ state: { ...owner(ctx), kind: 'confirm_create', draft, choosingPriority: false }, replies });
}

export function priorityPicker(ctx: FlowContext, draft: Draft): Outcome {
  return outcome({
    state: { ...owner(ctx), kind: 'confirm_create', draft, choosingPriority: true },
    replies: [
      say(t.choosePriority(draft), {
        edit: true,
        buttons: [
          [btn(ctx, '🔴 High', { type: 'priority', priority: 'HIGH' })],
          [btn(ctx, '🟡 Medium', { type: 'priority', priority: 'MEDIUM' }), btn(ctx, '🟢 Low', { type: 'priority', priority: 'LOW' })],
        ],
      }),
    ],
  });
}

/**
 * The Create tap: the key is the conversation and the version of the card, so a double tap files
 * once. A technician whose plan wants approval hears that it waits for a supervisor.
 */
export function create(ctx: FlowContext, draft: Draft): Outcome {
  const approval = planOf(ctx.actor.tier).supervisorApproval && !isSupervisor(ctx.actor);
  const key = `wo:${ctx.conversation.id}:${ctx.conversation.version}`;
  // The command carries the report without what Rivet made of it (that is for feedback, not Atlas).
  const { said: _said, ...filed } = draft;
  return observe(
    outcome({
      state: null,
      commands: [{ type: 'create_work_order', idempotencyKey: key, draft: filed, ...(approval ? { approval } : {}) }],
      replies: [say(approval ? t.awaitingApproval(draft) : t.filing(draft), { edit: true })],
    }),
    ...reportConfirmed(ctx, draft, key),
  );
}
