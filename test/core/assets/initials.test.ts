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

describe('names that are only a code', () => {
  const blr1 = asset('BLR-1', 'Hillcrest Middle School - Boiler Room', 'Boilers & Heating');
  const blr2 = asset('BLR-2', 'Hillcrest Middle School - Boiler Room', 'Boilers & Heating');
  const lincoln = asset('Boiler B-1', 'Lincoln Elementary - Boiler Room', 'Boilers & Heating');
  const readSchool = reader([lincoln, blr1, blr2]);

  it('reads the kind from the category when the code abbreviates it (BLR in Boilers is a boiler)', () => {
    const r = readSchool('La caldera de Hillcrest hace un ruido muy fuerte');
    expect(r.decision).toBe('ambiguous');
    expect(r.ids.slice(0, 2).sort()).toEqual([blr1.id, blr2.id].sort());
  });
});
