/** Consequences read from a message: the same kind in every language, negation, and the signals built from several kinds. */
import { describe, expect, it } from 'vitest';
import { consequencesOf } from '../../../src/core/understanding/consequence.js';
import { PACKS } from '../../../src/core/understanding/lang/index.js';
import { CONSEQUENCES } from '../../../src/core/understanding/lang/types.js';
import { fold } from '../../../src/core/assets/text.js';

const read = (text: string, mention = '') => consequencesOf(fold(text).replace(/['’]/g, ''), fold(mention));

describe('consequences', () => {
  it('are folded phrases of known kinds in every language pack', () => {
    for (const pack of Object.values(PACKS)) {
      for (const [kind, list] of Object.entries(pack.consequences)) {
        expect(CONSEQUENCES).toContain(kind);
        for (const p of list!) expect(fold(p).replace(/['’]/g, ''), `${pack.code} ${kind} ${p}`).toBe(p);
      }
    }
  });

  it('read the same kind in every language', () => {
    for (const text of ['water all over the floor', 'agua por todas partes', 'agua pelo chao todo', 'Wasser überall']) expect(read(text), text).toContain('spreading');
    for (const text of ['someone trapped in the lift', 'hay alguien atrapado', 'tem gente presa no elevador', 'jemand ist eingeschlossen']) expect(read(text), text).toContain('trapped');
    for (const text of ['trucks backing up at the gate', 'camiones esperando en la puerta', 'caminhões esperando no portão', 'die LKWs stauen sich']) expect(read(text), text).toContain('waiting');
    for (const text of ['smells of ammonia', 'huele a amoniaco', 'cheiro de amônia', 'riecht nach Ammoniak']) expect(read(text), text).toContain('release');
  });

  it('take a hazardous substance as a release only when it leaks or smells (not the meter that measures it)', () => {
    expect(read('chlorine analyzer reads zero')).not.toContain('release');
    expect(read('el analizador de amoniaco marca cero')).not.toContain('release');
    expect(read('cheiro de cloro na sala de dosagem')).toContain('release');
    expect(read('diesel leaking from the day tank')).toContain('release');
  });

  it('skip a phrase that is negated', () => {
    expect(read('alarm went off, no smoke, no smell')).not.toContain('burning');
    expect(read('alarm went off, no smoke, no smell')).not.toContain('odor');
    expect(read('valvula revisada, sin fuga')).not.toContain('fluidLoss');
    expect(read('Ventil geprüft, kein Rauch')).not.toContain('burning');
  });

  it('read a cold store with a warm reading as the cold chain at risk, from the equipment named', () => {
    expect(read('asset at 12 degrees', 'walk-in freezer')).toContain('coldChain');
    expect(read('asset tá com 10 graus', 'câmara fria')).toContain('coldChain');
    expect(read('asset hat 9 Grad', 'Kühlzelle')).toContain('coldChain');
    expect(read('asset at 12 degrees', 'office')).not.toContain('coldChain');
  });

  it('take only the kind of equipment from the mention ("smoke detector" is no smoke)', () => {
    expect(read('asset chirping', 'smoke detector')).not.toContain('burning');
    expect(read('asset is smoking', 'pump 2')).toContain('burning');
  });

  it('tell a convenience item or a bare symptom from a report that names a loss', () => {
    expect(read('the coffee machine only gives hot water')).toContain('amenityOnly');
    expect(read('fan bearing is noisy')).toContain('symptomOnly');
    expect(read('fan bearing is noisy and smoking')).not.toContain('symptomOnly');
    expect(read('pump 3 not working')).toEqual(['silent']);
  });

  it('read an event soon as a deadline', () => {
    expect(read('scoreboard dead and the game is tonight')).toContain('deadline');
    expect(read('need it before the 4pm delivery')).toContain('deadline');
    expect(read('la ruta sale en 20 minutos')).toContain('deadline');
  });
});
