/** Scope words (a site, a building letter, a store number) put the equipment that is there first, or settle it. */
import { describe, expect, it } from 'vitest';
import { asset, reader } from './registry.js';

const beltA = asset('Baggage Belt 2', 'Hall A - Arrivals', 'Conveyors');
const beltB = asset('Baggage Belt 2', 'Hall B - Arrivals', 'Conveyors');
const gate1 = asset('Gate Barrier GB-1', 'Larkspur Depot - Yard', 'Access');
const gate2 = asset('Gate Barrier GB-1', 'Marsh Lane Depot - Yard', 'Access');
const gen1 = asset('Generator GEN-1', 'Larkspur Depot - Yard', 'Power');
const gen2 = asset('Generator GEN-1', 'Marsh Lane Depot - Yard', 'Power');
const ethylene = asset('Ethylene Generator EG-1', 'Marsh Lane Depot - Ripening', 'Ripening', { model: 'Catalytic Generator' });
const read = reader([beltA, beltB, gate1, gate2, gen1, gen2, ethylene]);

describe('scope words narrow equal candidates', () => {
  it('takes the building named by its letter after the number', () => {
    const r = read('belt 2 B jammed again, bags piling up');
    expect(r.ids[0]).toBe(beltB.id);
  });

  it('settles same-named equipment by the site named anywhere in the message', () => {
    expect(read('gate barrier stuck up at marsh lane')).toMatchObject({ decision: 'resolved', ids: [gate2.id] });
  });

  it('never lets the equipment word itself count as a place', () => {
    const r = read('the generator at larkspur wont start');
    expect(r.ids[0]).toBe(gen1.id);
    expect(r.ids).not.toContain(ethylene.id);
  });

  it('still asks when no place is named', () => {
    const r = read('gate barrier stuck in the up position');
    expect(r.decision).toBe('ambiguous');
    expect(r.ids.sort()).toEqual([gate1.id, gate2.id].sort());
  });
});
