/** Language packs: one interface, folded entries, deterministic detection, cue classes shared across languages. */
import { describe, expect, it } from 'vitest';
import { CUE_CLASSES, EQUIPMENT_WORDS, PACKS, cueClasses, detectLanguage } from '../../../src/core/understanding/lang/index.js';
import { fold } from '../../../src/core/assets/text.js';

const words = (s: string) => fold(s).match(/[a-z0-9]+/g) ?? [];

describe('language packs', () => {
  it('hold folded entries of known cue classes', () => {
    for (const pack of Object.values(PACKS)) {
      for (const [cls, list] of Object.entries(pack.cues)) {
        expect(CUE_CLASSES).toContain(cls);
        for (const p of list!) expect(fold(p).replace(/['’]/g, ''), `${pack.code} ${cls} ${p}`).toBe(p);
      }
      for (const [k, v] of Object.entries(pack.equipment)) {
        expect(fold(k), `${pack.code} ${k}`).toBe(k);
        expect(v).toMatch(/^[a-z ]+$/);
      }
    }
  });

  it('detect the language of a message', () => {
    expect(detectLanguage('the conveyor on line 4 is making a racket again')).toBe('en');
    expect(detectLanguage('la bomba del sótano no arranca desde anoche')).toBe('es');
    expect(detectLanguage('o compressor da sala 2 não liga, está parado')).toBe('pt');
    expect(detectLanguage('die Pumpe im Keller ist undicht, bitte schnell')).toBe('de');
    expect(detectLanguage('👍')).toBe('en');
  });

  it('fire the same cue class for the same meaning in every language', () => {
    expect(cueClasses(words('need this asap'))).toContain('urgent');
    expect(cueClasses(words('es urgente'))).toContain('urgent');
    expect(cueClasses(words('bitte dringend'))).toContain('urgent');
    expect(cueClasses(words('sem pressa, quando der'))).toContain('notUrgent');
    expect(cueClasses(words('keine Eile'))).toContain('notUrgent');
    expect(cueClasses(words('el tubo gotea'))).toContain('leak');
    expect(cueClasses(words('it is leaking everywhere'))).toContain('leak');
    expect(cueClasses(words('warte auf Ersatzteile'))).toContain('onHold');
    expect(cueClasses(words('olvídalo'))).toContain('cancel');
  });

  it('export the equipment vocabulary for asset matching', () => {
    expect(EQUIPMENT_WORDS.bomba).toBe('pump');
    expect(EQUIPMENT_WORDS.spulmaschine).toBe('dishwasher');
    expect(EQUIPMENT_WORDS.empilhadeira).toBe('forklift');
  });
});
