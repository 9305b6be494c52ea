import { describe, expect, it } from 'vitest';
import { decodeControl, encodeControl, isDue, type OversightThread } from '../../../src/core/oversight/index.js';

const id = '0b5f3a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('supervisor controls', () => {
  it('round-trip, and anything else is not a control', () => {
    for (const c of [
      { type: 'priority', threadId: id, priority: 'HIGH' }, { type: 'assign', threadId: id, userId: 42 }, { type: 'complete', threadId: id },
      { type: 'take_over', threadId: id }, { type: 'hand_back', threadId: id }, { type: 'pick', threadId: id, assetId: 1740 },
      { type: 'no_machine', threadId: id }, { type: 'resolve', threadId: id },
    ] as const) {
      expect(decodeControl(encodeControl(c))).toEqual(c);
    }
    for (const bad of ['', 'ov:p:nope:H', `ov:p:${id}:X`, `ov:a:${id}:-1`, `ov:c:${id}:extra`, `q:${id}:0`, `ov:z:${id}`, `ov:k:${id}:${'9'.repeat(20)}`]) {
      expect(decodeControl(bad)).toBeNull();
    }
  });
});

describe('escalation rule', () => {
  const thread = (o: Partial<OversightThread> = {}): OversightThread => ({
    id, organizationId: 'o', kind: 'work_order', topic: 'work_order', personId: 'p', conversationId: null, techChat: null, workOrderId: 1,
    questionId: null, channelId: 'C1', rootMessageId: '1.1', card: { requester: 'Ana', workOrder: { id: 1, customId: 'WO000001', title: 't', description: null, asset: null, priority: 'HIGH', status: 'OPEN', assignees: [], url: null } },
    report: null, priority: 'HIGH', takenOverBy: null, touchedAt: null, escalatedAt: null, resolvedAt: null, revision: 0, createdAt: new Date('2026-01-01T08:00:00Z'), ...o,
  });
  const at = (min: number) => new Date(Date.parse('2026-01-01T08:00:00Z') + min * 60_000);

  it('is due for an untouched HIGH report once the minutes have passed, and only then', () => {
    expect(isDue(thread(), at(14.9), 15)).toBe(false);
    expect(isDue(thread(), at(15), 15)).toBe(true);
  });

  it('is not due when touched, escalated, resolved, complete, not HIGH, or not posted yet', () => {
    for (const o of [{ touchedAt: at(1) }, { escalatedAt: at(15) }, { resolvedAt: at(2) }, { priority: 'MEDIUM' as const }, { rootMessageId: null }]) {
      expect(isDue(thread(o), at(60), 15)).toBe(false);
    }
    const done = thread();
    done.card.workOrder!.status = 'COMPLETE';
    expect(isDue(done, at(60), 15)).toBe(false);
  });
});
