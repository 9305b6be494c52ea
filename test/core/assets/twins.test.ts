/** Same-named equipment at several sites: only a word that places one of them picks it. */
import { describe, expect, it } from 'vitest';
import { asset, reader } from './registry.js';

const east = asset('Cooling Tower CT-1', 'Eastfield Campus - Roof', 'HVAC', { description: 'Float valve and overflow line replaced 2024' });
const west = asset('Cooling Tower CT-1', 'Westbrook Campus - Tower Yard', 'HVAC');
const evapN = asset('Evaporator EV-3', 'Northpoint DC - Freezer Room', 'Refrigeration', { description: 'Hot gas defrost, iced coil alarm fitted' });
const evapS = asset('Evaporator EV-3', 'Southpoint DC - Freezer Room', 'Refrigeration');
const fltCode = asset('Forklift FLT-04', 'Northpoint DC - Receiving', 'Vehicles');
const fltNumber = asset('Forklift #4', 'Southpoint DC - Hall B', 'Vehicles');
const read = reader([east, west, evapN, evapS, fltCode, fltNumber, asset('Condenser Pump CP-1', 'Eastfield Campus - Roof', 'Pumps')]);

describe('equal fits at different sites', () => {
  it('asks between the two when a symptom happens to be in one description', () => {
    expect(read('CT-1 float stuck, water running down the overflow')).toMatchObject({ decision: 'ambiguous' });
    expect(read('CT-1 float stuck, water running down the overflow').ids.sort()).toEqual([east.id, west.id].sort());
    const r = read('EV-3 iced up again, defrost is not clearing it');
    expect(r.decision).toBe('ambiguous');
    expect(r.ids.sort()).toEqual([evapN.id, evapS.id].sort());
  });

  it('picks the one at the site the message names', () => {
    expect(read('CT-1 at westbrook float stuck')).toMatchObject({ decision: 'resolved', ids: [west.id] });
    expect(read('EV-3 in southpoint iced up')).toMatchObject({ decision: 'resolved', ids: [evapS.id] });
  });

  it('takes the code for the asset that carries it, not for a same-named one with that number', () => {
    expect(read('FLT-04 wont start')).toMatchObject({ decision: 'resolved', ids: [fltCode.id] });
  });
});
