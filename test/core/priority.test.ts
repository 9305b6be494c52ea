import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/core/understanding/index.js';
import { corpusIndex } from './helpers.js';

const p = (text: string) => interpret(text, { assets: corpusIndex() }).priority;

describe('priority cues', () => {
  it('defaults to MEDIUM for ordinary faults', () => {
    expect(p('compressor 3 wont start on the monthly test run')).toBe('MEDIUM');
    expect(p('leveler 9 lip wont extend')).toBe('MEDIUM');
  });

  it('is HIGH for urgency, safety, leaks, fire and production down', () => {
    expect(p('PR-404 is down')).toBe('HIGH');
    expect(p('air compressor 4 is leaking oil')).toBe('HIGH');
    expect(p('smells like gas by the paint shop entrance')).toBe('HIGH');
    expect(p('reach truck 4 mast chain looks stretched, not safe to use')).toBe('HIGH');
    expect(p('RTO tripped on high temp, paint line stopped')).toBe('HIGH');
    expect(p('spot welder 6 tips sticking, need it asap')).toBe('HIGH');
    expect(p('fire pump controller has a trouble light on')).toBe('HIGH');
  });

  it('is LOW for no rush, whenever, cosmetic', () => {
    expect(p('floor scrubber squeegee torn, no rush')).toBe('LOW');
    expect(p('dock door 30 bumper torn off, when you get a chance')).toBe('LOW');
    expect(p('paint on the safety rail around PR-601 is all chipped, cosmetic, low priority')).toBe('LOW');
  });

  it('respects negation and playing the problem down', () => {
    expect(p('P-302 making a grinding noise. its the standby so not urgent')).toBe('LOW');
    expect(p('office elevator stuck between 1 and 2, nobody inside')).toBe('MEDIUM');
    expect(p('P-201 tripped, P-202 picked up so we are fine for now')).toBe('MEDIUM');
    expect(p('P-311 seal dripping a bit, put a bucket under it, no rush')).toBe('LOW');
  });

  it('does not read equipment names as cues ("leak tester" is no leak)', () => {
    expect(p('leak tester failing every part since the calibration this morning')).toBe('MEDIUM');
  });

  it('is null for anything but a report', () => {
    expect(p('wo 1999 complete')).toBeNull();
    expect(p('whats the torque spec for the PR-101 tie rod nuts')).toBeNull();
  });
});
