import { describe, expect, it } from 'vitest';
import { decodeButton, encodeFlow, encodeQuestion } from '../../../src/core/conversation/index.js';
import { applyShortcuts } from '../../../src/core/conversation/shortcuts.js';
import { candidateLabels } from '../../../src/core/conversation/texts.js';
import type { FlowInterpretation } from '../../../src/core/conversation/index.js';

const conv = '0f3a1c2e-aaaa-4000-8000-000000000001';

describe('button payloads', () => {
  it('round-trip every action within 64 bytes', () => {
    const actions = [
      { type: 'asset', assetId: 999_999_999_999 }, { type: 'none' }, { type: 'create' }, { type: 'priority', priority: null },
      { type: 'priority', priority: 'HIGH' }, { type: 'cancel' }, { type: 'add_to_existing' }, { type: 'create_new' },
      { type: 'confirm_status' }, { type: 'status', status: 'ON_HOLD' }, { type: 'skip_note' },
    ] as const;
    for (const action of actions) {
      const data = encodeFlow(conv, 123_456_789, action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeButton(data)).toEqual({ kind: 'flow', conv: '0f3a1c2e', version: 123_456_789, action });
    }
    const q = encodeQuestion('6f1c8a8e-3b7d-4f0e-9a55-0c6a0f4b9d21', '1');
    expect(decodeButton(q)).toEqual({ kind: 'question', questionId: '6f1c8a8e-3b7d-4f0e-9a55-0c6a0f4b9d21', option: '1' });
  });
  it('refuses what Rivet did not make', () => {
    for (const data of [undefined, '', 'c', 'c:zz:1', 'c:0f3a1c2e:x', 'p:0f3a1c2e:1:Z', 't:0f3a1c2e:1:Q', 'a:0f3a1c2e:1:abc', 'w'.repeat(65), 'hello:0f3a1c2e:1']) {
      expect(decodeButton(data)).toBeNull();
    }
  });
});

describe('shortcuts that /help advertises', () => {
  const base = { intent: 'ask_human', confidence: 0.3, priority: null, workOrderNumber: null, status: null, asset: null, title: null, description: '' } as FlowInterpretation;
  it('status 42, 42 done, WO 42 on hold, add to 42: text', () => {
    expect(applyShortcuts('status 42', base)).toMatchObject({ intent: 'check_status', workOrderNumber: 42 });
    expect(applyShortcuts('42 done', base)).toMatchObject({ intent: 'update_status', workOrderNumber: 42, status: 'COMPLETE' });
    expect(applyShortcuts('WO 42 on hold', base)).toMatchObject({ intent: 'update_status', status: 'ON_HOLD' });
    expect(applyShortcuts('add to 42: seal replaced', base)).toMatchObject({ intent: 'add_comment', workOrderNumber: 42, description: 'seal replaced' });
    expect(applyShortcuts('pump 42 is leaking', base)).toBe(base);
  });
});

describe('candidate labels', () => {
  it('use the shortest location tail that tells same-named assets apart', () => {
    const a = (loc: string) => ({ name: 'Exhaust Fan EF-1', location: { id: 1, name: loc } });
    expect(candidateLabels([a('Plant - Hall A'), a('Plant - Hall B')])).toEqual(['Exhaust Fan EF-1 · Hall A', 'Exhaust Fan EF-1 · Hall B']);
    expect(candidateLabels([a('North - Roof'), a('South - Roof')])).toEqual(['Exhaust Fan EF-1 · North - Roof', 'Exhaust Fan EF-1 · South - Roof']);
  });
});
