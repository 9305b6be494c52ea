/**
 * The chat's Atlas reads are bounded: a few run, a few wait, the rest are refused at once, and a
 * read past its budget lets the chat move on; so Atlas can never hold every inbound slot.
 */
import { describe, expect, it } from 'vitest';
import type { WorkOrderSummary } from '../../../src/core/model.js';
import type { WorkOrderReader } from '../../../src/core/ports.js';
import { AtlasBusyError, createChatReader } from '../../../src/integrations/atlas/chat-reader.js';

/** A reader whose calls finish only when the test says so. */
function heldReader() {
  const pending: (() => void)[] = [];
  const reader: WorkOrderReader = {
    getByNumber: () => new Promise((r) => pending.push(() => r(null))),
    byIds: () => new Promise((r) => pending.push(() => r([] as WorkOrderSummary[]))),
    openForAsset: () => new Promise((r) => pending.push(() => r([]))),
  };
  return { reader, pending, finishAll: () => pending.splice(0).forEach((f) => f()) };
}

describe('the chat reader', () => {
  it('runs `concurrency` reads, queues `maxWaiting`, refuses the rest at once', async () => {
    const held = heldReader();
    const chat = createChatReader(held.reader, { concurrency: 2, maxWaiting: 1, lookupBudgetMs: 60_000 });
    const a = chat.getByNumber(1);
    const b = chat.getByNumber(2);
    const c = chat.getByNumber(3);
    await expect(chat.getByNumber(4)).rejects.toMatchObject({ reason: 'busy' });
    expect(chat.inFlight()).toEqual({ running: 2, waiting: 1 });
    expect(held.pending).toHaveLength(2);
    held.finishAll();
    await Promise.all([a, b]);
    expect(held.pending).toHaveLength(1); // the waiting one got its turn
    held.finishAll();
    expect(await c).toBeNull();
    expect(chat.inFlight()).toEqual({ running: 0, waiting: 0 });
  });

  it('a read past its budget fails as "slow", and its slot is only freed when Atlas answers', async () => {
    const held = heldReader();
    const chat = createChatReader(held.reader, { concurrency: 1, maxWaiting: 1, suggestionBudgetMs: 30, lookupBudgetMs: 30 });
    const err = await chat.openForAsset(5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasBusyError);
    expect((err as AtlasBusyError).reason).toBe('slow');
    expect(chat.inFlight().running).toBe(1);
    // A waiting read also gives up its place after its budget.
    await expect(chat.getByNumber(6)).rejects.toMatchObject({ reason: 'slow' });
    expect(chat.inFlight()).toEqual({ running: 1, waiting: 0 });
    held.finishAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(chat.inFlight().running).toBe(0);
  });
});
