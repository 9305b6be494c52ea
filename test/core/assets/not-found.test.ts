/** Equipment the registry does not have is reported as not found, not matched to the place it stands in. */
import { describe, expect, it } from 'vitest';
import { asset, reader } from './registry.js';

const bridge = asset('Boarding Bridge B9', 'Terminal B - Gates', 'Bridges');
const heater = asset('Domestic Water Heater WH-1', 'Maple Hall - Mechanical Room', 'Plumbing');
const oven = asset('Convection Oven', 'Maple Hall - Kitchen', 'Kitchen');
const read = reader([bridge, heater, oven, asset('Dock Door 4', 'Terminal B - Dock', 'Doors')]);

describe('not in the registry', () => {
  it('says not found for common equipment the registry lacks', () => {
    expect(read('the copier in the maple hall office is jammed')).toMatchObject({ decision: 'not_found' });
    expect(read('Die Zentrifuge in 302 vibriert extrem')).toMatchObject({ decision: 'not_found' });
    expect(read('el microondas de la cocina está echando chispas')).toMatchObject({ decision: 'not_found' });
  });

  it('does not take the code of the place for the thing', () => {
    const r = read('hand dryer in the mens by B9 is dead');
    expect(r.decision).toBe('not_found');
    expect(r.ids).toEqual([]);
  });

  it('does not offer the place for equipment the registry has no word for', () => {
    expect(read('toilet in the mens by dock door 4 running nonstop')).toMatchObject({ decision: 'not_found', ids: [] });
  });

  it('asks rather than picks when the thing named is not what the asset is', () => {
    const r = read("where's the shutoff for the domestic water in maple?");
    expect(r.decision).not.toBe('resolved');
  });

  it('still resolves equipment that is there', () => {
    expect(read('domestic water heater in maple hall is leaking')).toMatchObject({ decision: 'resolved', ids: [heater.id] });
  });
});
