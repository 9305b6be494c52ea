/**
 * The few fixed phrasings /help advertises ("status 42", "42 done", "add to 42: …") always
 * mean what help says, whatever the understanding layer makes of such terse text.
 */
import type { WorkOrderStatus } from '../model.js';
import type { FlowInterpretation } from './types.js';

const STATUS_WORDS: [RegExp, WorkOrderStatus][] = [
  [/^(done|complete|completed|finished|fixed)$/i, 'COMPLETE'],
  [/^(in progress|started|working on it)$/i, 'IN_PROGRESS'],
  [/^(on hold|hold|paused|waiting for parts)$/i, 'ON_HOLD'],
  [/^(open|reopen|reopened)$/i, 'OPEN'],
];

export function applyShortcuts(text: string, i: FlowInterpretation): FlowInterpretation {
  const t = text.trim();
  const status = /^(?:status\s+(?:of\s+)?)?(?:wo\s*)?#?0*(\d{1,9})\s*\??$/i.exec(t);
  if (status && /^status/i.test(t)) return { ...i, intent: 'check_status', confidence: 1, workOrderNumber: Number(status[1]), status: null };
  const change = /^(?:wo\s*)?#?0*(\d{1,9})\s+(.+)$/i.exec(t);
  if (change) {
    const s = STATUS_WORDS.find(([re]) => re.test(change[2]!.trim()))?.[1];
    if (s) return { ...i, intent: 'update_status', confidence: 1, workOrderNumber: Number(change[1]), status: s };
  }
  const comment = /^(?:add|comment|note)\s*(?:to|on)?\s*(?:wo\s*)?#?0*(\d{1,9})\s*:\s*(.+)$/is.exec(t);
  if (comment) return { ...i, intent: 'add_comment', confidence: 1, workOrderNumber: Number(comment[1]), description: comment[2]!.trim() };
  return i;
}
