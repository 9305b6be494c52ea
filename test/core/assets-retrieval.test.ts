/**
 * Retrieval over the whole message, one test per kind of failure seen on new sites. The registry and the
 * messages are made up here (a hotel group and a hospital), not taken from any fixture.
 */
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '../../src/core/model.js';
import { asset } from './assets/registry.js';
import { buildAssetIndex } from '../../src/core/assets/index.js';
import { interpret } from '../../src/core/understanding/index.js';

const A = {
  iceHarbor: asset('Ice Machine IM-1', 'Harbor Hotel - Level 2 Vending', 'Kitchen Equipment'),
  iceSummit: asset('Ice Machine IM-1', 'Summit Hotel - Level 2 Vending', 'Kitchen Equipment'),
  ptac733: asset('PTAC Unit 733', 'Harbor Hotel - Room 733', 'HVAC'),
  ptac734: asset('PTAC Unit 734', 'Harbor Hotel - Room 734', 'HVAC'),
  ahuN4: asset('Air Handling Unit AHU-N4-11', 'St. Brigid Hospital - 4 North Mechanical', 'HVAC'),
  ahuS2: asset('Air Handling Unit AHU-S2-3', 'St. Brigid Hospital - 2 South Mechanical', 'HVAC'),
  chillerD: asset('Chiller D', 'Harbor Hotel - Central Plant', 'HVAC'),
  chlrD: asset('Chiller CHLR-D', 'Summit Hotel - Central Plant', 'HVAC'),
  poolPump: asset('Pool Pump P-2', 'Harbor Hotel - Pool Equipment Room', 'Pumps'),
  hwPump: asset('Hot Water Pump P-1', 'Harbor Hotel - Central Plant', 'Pumps'),
  dish: asset('Dishwasher DW-1', 'Summit Hotel - Main Kitchen', 'Kitchen Equipment'),
  nurseCall: asset('Nurse Call Panel NC-3E', 'St. Brigid Hospital - 3 East', 'Communications'),
  boiler: asset('Boiler B-1', 'Harbor Hotel - Central Plant', 'Boilers'),
  doorD9: asset('Automatic Door D9', 'Harbor Hotel - Lobby', 'Doors'),
  elevator1: asset('Elevator 1', 'Harbor Hotel - Lobby', 'Lifts'),
  elevator2: asset('Elevator 2', 'Harbor Hotel - Lobby', 'Lifts'),
};
const index = buildAssetIndex(Object.values(A));

function read(text: string) {
  const a = interpret(text, { assets: index }).asset;
  return { mention: a?.mention ?? null, decision: a?.resolution?.decision ?? null, ids: a?.resolution?.candidates.map((c) => c.asset.id) ?? [] };
}

describe('mention finding on unfamiliar vocabulary', () => {
  it('finds equipment named in the words of its own registry, wherever they stand in the message', () => {
    const r = read('the nurse call panel on 3 east keeps beeping at night');
    expect(r).toMatchObject({ decision: 'resolved', ids: [A.nurseCall.id] });
    expect(r.mention).toMatch(/nurse call panel/i);
  });

  it('does not make an asset of stray words, roles or places', () => {
    for (const text of ['the bin by the lobby is full again', 'can someone clean the lobby', 'we are low on towels in 734', 'the supervisor says the night shift was fine']) {
      expect(read(text).decision, text).not.toBe('resolved');
    }
  });
});

describe('scope words', () => {
  it('a site named in the message settles which of two equal tags is meant', () => {
    expect(read('ice machine at the Summit is not making ice')).toMatchObject({ decision: 'resolved', ids: [A.iceSummit.id] });
  });

  it('without the site, both are offered', () => {
    const r = read('ice machine IM-1 not dropping ice');
    expect(r.decision).toBe('ambiguous');
    expect(r.ids).toEqual(expect.arrayContaining([A.iceHarbor.id, A.iceSummit.id]));
  });
});

describe('numbers inside codes', () => {
  it('a room number next to the unit finds the unit numbered by it', () => {
    expect(read('rm 733 ptac rattling all night, guest complained')).toMatchObject({ decision: 'resolved', ids: [A.ptac733.id] });
  });

  it('a short tag finds the code that ends in it', () => {
    expect(read('AHU-11 supply fan alarm')).toMatchObject({ decision: 'resolved', ids: [A.ahuN4.id] });
  });

  it('a number bound to the equipment word must be that asset\'s', () => {
    expect(read('elevator 2 doors slow to close')).toMatchObject({ decision: 'resolved', ids: [A.elevator2.id] });
    expect(read('elevator 7 doors slow to close').ids).not.toContain(A.elevator2.id);
  });
});

describe('other languages meet English asset names', () => {
  it('Spanish, Portuguese and German equipment nouns', () => {
    expect(read('la bomba de la piscina hace mucho ruido')).toMatchObject({ decision: 'resolved', ids: [A.poolPump.id] });
    expect(read('die Spülmaschine läuft nicht mehr')).toMatchObject({ decision: 'resolved', ids: [A.dish.id] });
    expect(read('a máquina de gelo do Summit parou')).toMatchObject({ decision: 'resolved', ids: [A.iceSummit.id] });
  });

  it('a German compound is found by its last noun', () => {
    expect(read('Geschirrspülmaschine in der Küche tropft')).toMatchObject({ decision: 'resolved', ids: [A.dish.id] });
  });
});

describe('equal fits are asked about, never picked', () => {
  it('"Chiller D" and "CHLR-D" at two sites', () => {
    const r = read('chiller d is tripping on low oil pressure');
    expect(r.decision).toBe('ambiguous');
    expect(r.ids).toEqual(expect.arrayContaining([A.chillerD.id, A.chlrD.id]));
  });

  it('equipment named right after an asset is not that asset, its parts are', () => {
    expect(read('elevator 1 heater not working, cold in the car').decision).not.toBe('resolved');
    expect(read('elevator 2 doors slow to close').decision).toBe('resolved');
  });

  it('equipment the registry lacks is not taken for a neighbour', () => {
    expect(read('the coffee machine in the lobby is leaking').decision).not.toBe('resolved');
    expect(read('the hand dryer in the mens by D9 is dead').decision).not.toBe('resolved');
  });
});

describe('search', () => {
  it('ranks best first by the score it shows', () => {
    const hits = index.search('harbor pump', 10);
    expect(hits.length).toBeGreaterThan(1);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });
});
