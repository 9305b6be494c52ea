/** Small helpers shared by the flow's steps. */
import type { InlineButton } from '../ports.js';
import { encodeFlow, type FlowAction } from './callback-data.js';
import type { Draft, FlowContext, FlowInterpretation, FlowResolveContext, FlowState, Outcome, Reply } from './types.js';

export const outcome = (o: Partial<Outcome> = {}): Outcome => ({ replies: [], commands: [], ...o });
export const say = (text: string, extra: Omit<Reply, 'text'> = {}): Reply => ({ text, ...extra });

/**
 * A button of the state this outcome saves: it carries the version that state will have
 * (saving bumps the conversation's version by one).
 */
export function btn(ctx: FlowContext, text: string, action: FlowAction): InlineButton {
  return { text, data: encodeFlow(ctx.conversation.id, ctx.conversation.version + 1, action) };
}

export const owner = (ctx: FlowContext) => ({ ownerId: ctx.user.id, ownerName: ctx.user.name });

export function resolveContext(ctx: FlowContext): FlowResolveContext {
  const rc: FlowResolveContext = { recentAssetIds: ctx.user.recentAssetIds };
  // Where the person works: their usual sites' locations (the prior breaks ties, never a clear winner).
  const locationIds = [...new Set([...(ctx.user.usualLocationIds ?? []), ...(ctx.user.homeLocationId !== null ? [ctx.user.homeLocationId] : [])])];
  if (locationIds.length) rc.locationIds = locationIds;
  return rc;
}

/** A title from what was said when the understanding layer found none. */
export function fallbackTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const title = line.length <= 60 ? line : line.slice(0, Math.max(line.slice(0, 60).lastIndexOf(' '), 40)) + '…';
  return title ? title[0]!.toUpperCase() + title.slice(1) : 'Problem reported in chat';
}

export function draftFrom(i: FlowInterpretation, text: string, base: Partial<Draft> = {}): Draft {
  return {
    text,
    title: i.title?.trim() || fallbackTitle(text),
    description: i.description?.trim() || text,
    priority: i.priority ?? base.priority ?? 'MEDIUM',
    assetId: base.assetId ?? null,
    assetLabel: base.assetLabel ?? null,
    locationId: base.locationId ?? null,
    unresolvedMention: null,
    attachments: base.attachments ?? [],
  };
}

export const hasDraft = (s: FlowState | null): s is Extract<FlowState, { draft: Draft }> =>
  s !== null && 'draft' in s;

export const emptyDraft = (): Draft => ({
  text: '', title: 'Problem reported in chat', description: '', priority: 'MEDIUM',
  assetId: null, assetLabel: null, locationId: null, unresolvedMention: null, attachments: [],
});
