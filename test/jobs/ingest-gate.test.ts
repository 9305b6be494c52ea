import { describe, expect, it } from 'vitest';
import { createIngestGate } from '../../src/jobs/ingest-gate.js';

describe('ingest gate: webhook acknowledgements before job runs', () => {
  it('lets a run start at once when no delivery is being written', async () => {
    const gate = createIngestGate(60_000);
    await expect(gate.quiet()).resolves.toBeUndefined();
  });

  it('holds a run while deliveries are being written, and releases it when the last is', async () => {
    const gate = createIngestGate(60_000);
    gate.enter();
    gate.enter();
    let released = false;
    const run = gate.quiet().then(() => void (released = true));
    gate.leave();
    await new Promise((r) => setImmediate(r));
    expect(released).toBe(false);
    gate.leave();
    await run;
    expect(released).toBe(true);
  });

  it('never holds a run longer than its limit, however busy the webhook', async () => {
    const gate = createIngestGate(20);
    gate.enter();
    await expect(gate.quiet()).resolves.toBeUndefined();
  });
});
