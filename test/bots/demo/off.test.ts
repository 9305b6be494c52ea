/**
 * The demo lets anyone who opens /demo in as a technician, so it exists only when asked for:
 * RIVET_DEMO=true (or `npm run demo`). Off by default, nothing of it is wired: no page, no
 * route that makes people, no transport, no inbound processor.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { wireDemo } from '../../../src/wiring/demo.js';
import type { DatabasePart } from '../../../src/wiring/database.js';
import { memoryLogger } from '../../helpers/logger.js';

describe('demo mode', () => {
  it('is off unless RIVET_DEMO is true', () => {
    expect(loadConfig({}).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ RIVET_DEMO: 'true' }).demo).toBe(true);
  });

  it('wires nothing when off', () => {
    const part = wireDemo({
      config: loadConfig({}),
      logger: memoryLogger('warn').logger,
      clock: { now: () => new Date() },
      // Never touched when the demo is off.
      data: {} as DatabasePart,
    });
    expect(part.routes({ accept: async () => 'accepted' })).toEqual([]);
    expect(part.transports).toEqual({});
    expect(part.inbound).toEqual({});
    expect(part.oversight).toBeNull();
    expect(part.hub).toBeNull();
  });
});
