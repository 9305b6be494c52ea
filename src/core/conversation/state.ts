/** Pending state comes back from the database as JSON; anything unrecognisable counts as none. */
import { PRIORITIES } from '../model.js';
import type { Draft, FlowState, FlowStateKind } from './types.js';

const KINDS: readonly FlowStateKind[] = [
  'await_description', 'choose_asset', 'await_asset', 'existing_open', 'confirm_create',
  'await_wo_number', 'choose_status', 'confirm_status', 'closing_note', 'await_comment', 'clarify',
];

export function parseFlowState(value: unknown): FlowState | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (!KINDS.includes(v.kind as FlowStateKind) || typeof v.ownerId !== 'string') return null;
  if ('draft' in v && (typeof v.draft !== 'object' || v.draft === null || !Array.isArray((v.draft as { attachments?: unknown }).attachments))) return null;
  return value as FlowState;
}

/** A report handed back from elsewhere (a supervisor's pick), checked the same way; null when it is not one. */
export function parseDraft(value: unknown): Draft | null {
  if (!value || typeof value !== 'object') return null;
  const d = value as Record<string, unknown>;
  const ok = typeof d.text === 'string' && typeof d.title === 'string' && typeof d.description === 'string'
    && (PRIORITIES as readonly unknown[]).includes(d.priority) && Array.isArray(d.attachments)
    && (d.assetId === null || typeof d.assetId === 'number') && (d.locationId === null || typeof d.locationId === 'number');
  return ok ? (value as Draft) : null;
}
