/** Places called by their initials, and equal candidates ordered by how much of their own name was said. */
import { describe, expect, it } from 'vitest';
import { asset, reader } from './registry.js';

// listed in the order that would win a plain tie, so only the rule under test can put the right one first
const boilerHall = asset('Boiler B-2', 'Maple Hall - Mechanical Room', 'Boilers');
const boilerPlant = asset('Boiler B-2', 'Central Utility Plant - Boiler Room', 'Boilers');
const scour = asset('Air Scour Blower ASB-1', 'Filter Gallery', 'Blowers');
const blower = asset('Blower 1', 'Aeration - Blower Building', 'Blowers');
const read = reader([boilerHall, boilerPlant, scour, blower]);

describe('places by their initials', () => {
  it('takes "the CUP" for Central Utility Plant', () => {
    expect(read('steam leak at the CUP near boiler B-2').ids[0]).toBe(boilerPlant.id);
  });
});

describe('equal candidates', () => {
  it('puts the asset whose whole name was said first', () => {
    const r = read('el soplador 1 se disparó por alta temperatura');
    expect(r.ids[0]).toBe(blower.id);
  });
});
