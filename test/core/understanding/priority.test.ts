/**
 * Priority by consequence: what a technician would expect for each kind of report, in English,
 * Spanish, Portuguese and German. Examples written for this test (not lines from the labelled
 * sets); read through interpret() as a message from the chat would be.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../../../src/core/understanding/index.js';
import { detectPriority, statedPriority } from '../../../src/core/understanding/priority.js';

function expectPriority(cases: ReadonlyArray<readonly [string, 'HIGH' | 'MEDIUM' | 'LOW']>) {
  for (const [text, priority] of cases) {
    const r = interpret(text);
    expect(r.intent, text).toBe('create_work_order');
    expect(r.priority, text).toBe(priority);
  }
}

describe('priority by consequence', () => {
  it('people trapped or at risk are HIGH', () => {
    expectPriority([
      ['lift 4 stuck between floors with two people inside', 'HIGH'],
      ['el montacargas se quedó sin frenos, es peligroso', 'HIGH'],
      ['Rolltreppe ruckelt stark, ein Kunde ist gestürzt', 'HIGH'],
      ['main doors wont unlock, nobody can get in the building', 'HIGH'],
    ]);
  });

  it('a gas, chemical or burning smell, smoke or sparks is HIGH', () => {
    expectPriority([
      ['strong smell of gas near boiler 2', 'HIGH'],
      ['olor a amoníaco en la sala de máquinas', 'HIGH'],
      ['cheiro forte de cloro na casa de química', 'HIGH'],
      ['Gasgeruch im Heizraum neben Kessel 1', 'HIGH'],
      ['sparks coming out of the panel in the electrical room', 'HIGH'],
      ['a tomada da copa soltou faísca', 'HIGH'],
    ]);
  });

  it('a leak that spreads is HIGH in every language', () => {
    expectPriority([
      ['pipe over the stockroom dripping, puddle spreading across the floor', 'HIGH'],
      ['el tanque de agua está goteando y hay un charco en el pasillo', 'HIGH'],
      ["a caixa d'água tá transbordando, molhando o corredor todo", 'HIGH'],
      ['Leitung im Keller undicht, Wasser steht schon auf dem Boden', 'HIGH'],
    ]);
  });

  it('service stopped with people or trucks waiting is HIGH', () => {
    expectPriority([
      ['checkout belt 3 dead, queue of customers out the door', 'HIGH'],
      ['a esteira da doca parou, caminhões esperando', 'HIGH'],
      ['Förderband 2 steht, die LKWs warten', 'HIGH'],
      ['press 2 jammed, whole line stopped and the order ships today', 'HIGH'],
      ['el autobús 4 no arranca y la ruta sale en 20 minutos', 'HIGH'],
    ]);
  });

  it('a cold store warming with product in it is HIGH', () => {
    expectPriority([
      ['display freezer in aisle 2 reading 15 degrees, ice cream going soft', 'HIGH'],
      ['la cámara de congelados está a 5 grados, se va a perder la carne', 'HIGH'],
      ['a câmara fria de carnes tá com 14 graus', 'HIGH'],
      ['Tiefkühlzelle zeigt 2 Grad, Ware taut auf', 'HIGH'],
    ]);
  });

  it('a fault with no consequence named stays MEDIUM', () => {
    expectPriority([
      ['roof exhaust fan squeals when it starts up', 'MEDIUM'],
      ['VAV box in room 210 not heating', 'MEDIUM'],
      ['la bomba 2 hace un ruido raro', 'MEDIUM'],
      ['o compressor 1 tá fazendo barulho estranho', 'MEDIUM'],
      ['Pumpe 3 brummt laut', 'MEDIUM'],
    ]);
  });

  it('life-safety equipment reporting only a symptom (chirping, low battery) is MEDIUM', () => {
    expectPriority([
      ['smoke detector in office 12 chirping, probably low battery', 'MEDIUM'],
      ['Rauchmelder im Flur piept alle paar Minuten, Batterie schwach', 'MEDIUM'],
    ]);
  });

  it('contained: nobody inside, or another unit carrying the load, is MEDIUM', () => {
    expectPriority([
      ['elevator 2 stopped on the 3rd floor, nobody inside', 'MEDIUM'],
      ['ascensor parado en el piso 2, nadie adentro', 'MEDIUM'],
      ['chiller 1 tripped on high head pressure, chiller 2 is carrying the load', 'MEDIUM'],
    ]);
  });

  it('played down in any language is LOW, even for a leak', () => {
    expectPriority([
      ['whenever you get a chance, the breakroom clock is slow', 'LOW'],
      ['sin prisa, la puerta del baño rechina', 'LOW'],
      ['compressor 3 fuga de aceite, sin urgencia', 'LOW'],
      ['sem pressa, trocar a lâmpada do corredor', 'LOW'],
      ['Wasserhahn in der Teeküche tropft, eilt nicht', 'LOW'],
    ]);
  });

  it('cosmetic faults and convenience items are LOW', () => {
    expectPriority([
      ['paint peeling on the lobby wall, cosmetic', 'LOW'],
      ['the vending machine in the lounge keeps eating coins', 'LOW'],
    ]);
  });

  it('the writer saying it is urgent is HIGH', () => {
    expectPriority([
      ['urgente, el compresor 2 se apagó', 'HIGH'],
      ['Kompressor 1 ausgefallen, bitte umgehend prüfen', 'HIGH'],
    ]);
  });
});

describe('priority rules', () => {
  it('read what the writer states, negated or not, in every language', () => {
    expect(statedPriority('compresor con fuga, sin urgencia')).toBe('LOW');
    expect(statedPriority('pode esperar ate segunda')).toBe('LOW');
    expect(statedPriority('kann warten bis nachste woche')).toBe('LOW');
    expect(statedPriority('this one can wait')).toBe('LOW');
    expect(statedPriority('please prioritise, the lab is waiting')).toBe('HIGH');
    expect(statedPriority('pump 2 noisy')).toBeNull();
  });

  it('call a leak, a release or someone at risk HIGH in any language, but not when negated', () => {
    expect(detectPriority('la bomba esta goteando').priority).toBe('HIGH');
    expect(detectPriority('cheiro de amonia na sala').priority).toBe('HIGH');
    expect(detectPriority('jemand steckt fest im aufzug').priority).toBe('HIGH');
    expect(detectPriority('checked the valve, no leak, just noisy').priority).toBe('MEDIUM');
  });

  it('take life-safety equipment as HIGH unless only a symptom is reported', () => {
    expect(detectPriority('asset not working', 'fire alarm panel').priority).toBe('HIGH');
    expect(detectPriority('asset chirping, low battery', 'smoke detector').priority).toBe('MEDIUM');
  });
});
