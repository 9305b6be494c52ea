/** Other-language equipment nouns meet the registry's English names. */
import { describe, expect, it } from 'vitest';
import { asset, reader } from './registry.js';

const sludge1 = asset('Primary Sludge Pump PSP-1', 'Riverside WWTP - Primary Clarifiers', 'Pumps');
const sludge2 = asset('Primary Sludge Pump PSP-2', 'Riverside WWTP - Primary Clarifiers', 'Pumps');
const raw = asset('Raw Water Pump RWP-1', 'Lake Intake - Pump Station', 'Pumps');
const grit = asset('Grit Pump GP-1', 'Riverside WWTP - Headworks', 'Pumps');
const facp = asset('Fire Alarm Control Panel', 'Pemberton Hall - Electrical Room', 'Fire');
const lighting = asset('Lighting Control Panel LCP-1', 'Pemberton Hall - Electrical Room', 'Electrical');
const rack = asset('Refrigeration Rack A', 'Store 226 - Marion - Rack Room', 'Refrigeration');
const gasCooler = asset('Gas Cooler GC-1', 'Store 239 - Milford - Roof', 'Refrigeration');
const rtu = asset('RTU-1', 'Store 239 - Milford - Roof', 'HVAC');
const iceLab = asset('Ice Machine - 2nd Floor', 'Life Sciences - 2nd Floor Labs', 'Kitchen');
const ice2 = asset('Ice Machine IM-2', 'Dining Hall - Servery', 'Kitchen');
const read = reader([sludge1, sludge2, raw, grit, facp, lighting, rack, gasCooler, rtu, iceLab, ice2, asset('Fluoride Feed Pump FLP-1', 'Chemical Building', 'Chemical'), asset('PAC Feeder', 'Chemical Building', 'Chemical')]);

describe('es/pt/de equipment words', () => {
  it('asks between the sludge pumps for "la bomba de lodos primarios"', () => {
    const r = read('la bomba de lodos primarios está tapada otra vez');
    expect(r.decision).toBe('ambiguous');
    expect(r.ids.slice(0, 2).sort()).toEqual([sludge1.id, sludge2.id].sort());
  });

  it('takes a sand pump for the grit pump', () => {
    expect(read('a bomba de areia tá entupida').ids[0]).toBe(grit.id);
  });

  it('reads a fire alarm panel in Portuguese as the FACP, not another panel', () => {
    expect(read('o painel de alarme de incêndio da Pemberton tá com falha').ids[0]).toBe(facp.id);
  });

  it('reads a German compound for a refrigeration rack', () => {
    expect(read('Bin jetzt an der Verbundanlage in Filiale 226').ids[0]).toBe(rack.id);
  });

  it('reads a German compound as its qualifier and head', () => {
    expect(read('Gaskühler auf dem Dach in Milford macht komische Geräusche').ids[0]).toBe(gasCooler.id);
  });

  it('takes a number before a storey word for the floor, not for a machine number', () => {
    const r = read('eismaschine im 2. OG macht kein eis mehr');
    expect(r).not.toMatchObject({ decision: 'resolved', ids: [ice2.id] });
  });
});
