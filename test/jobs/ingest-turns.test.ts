import { describe, expect, it } from 'vitest';
import { createIngestGate } from '../../src/jobs/ingest-gate.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Starts `n` runs through the gate; `started` lists them as they get their turn. */
function runs(gate: ReturnType<typeof createIngestGate>, n: number) {
  const started: number[] = [];
  const done: (() => void)[] = [];
  for (let i = 0; i < n; i++) void gate.turn().then((release) => {
    started.push(i);
    done[i] = release;
  });
  return { started, done };
}

describe('ingest gate: turns for job runs while deliveries arrive', () => {
  it('with no delivery arriving, every run starts at once', async () => {
    const gate = createIngestGate(60_000, { duringIngest: 2 });
    const r = runs(gate, 10);
    await tick();
    expect(r.started).toHaveLength(10);
  });

  it('while a delivery is being written only `duringIngest` runs go; the next starts as one ends, all once the burst is over', async () => {
    const gate = createIngestGate(60_000, { duringIngest: 2, burstMs: 30, turnMs: 60_000 });
    gate.enter();
    const r = runs(gate, 5);
    await tick();
    expect(r.started).toEqual([0, 1]);
    r.done[0]!();
    await tick();
    expect(r.started).toEqual([0, 1, 2]);
    gate.leave();
    await tick();
    expect(r.started).toHaveLength(3);
    await tick(80);
    expect(r.started).toEqual([0, 1, 2, 3, 4]);
  });

  it('a run that takes long (a slow Atlas) passes its turn on, so it never holds the others up', async () => {
    const gate = createIngestGate(60_000, { duringIngest: 1, turnMs: 20 });
    gate.enter();
    const r = runs(gate, 2);
    await tick();
    expect(r.started).toEqual([0]);
    await tick(60);
    expect(r.started).toEqual([0, 1]);
    r.done[0]!();
    r.done[0]!();
    gate.leave();
  });

  it('never holds a run longer than its limit, however long the burst', async () => {
    const gate = createIngestGate(20, { duringIngest: 1, turnMs: 60_000 });
    gate.enter();
    const r = runs(gate, 2);
    await tick(60);
    expect(r.started).toEqual([0, 1]);
  });
});
