import { describe, expect, it } from 'vitest';
import { decodeButton } from '../../src/core/conversation/callback-data.js';
import { messageLanguage, parseLanguageChoice } from '../../src/core/conversation/language.js';
import { t } from '../../src/core/conversation/texts.js';
import { asLang, inLanguage, replyLanguage } from '../../src/core/texts/index.js';

describe('choosing the reply language', () => {
  it('prefers the person’s choice, then the message, then earlier messages, then the chat app, then English', () => {
    expect(replyLanguage({ chosen: 'de', message: 'es', remembered: 'pt', platform: 'en' })).toBe('de');
    expect(replyLanguage({ chosen: null, message: 'es', remembered: 'pt', platform: 'de' })).toBe('es');
    expect(replyLanguage({ chosen: null, message: null, remembered: 'pt', platform: 'de' })).toBe('pt');
    expect(replyLanguage({ chosen: null, message: null, remembered: null, platform: 'de-AT' })).toBe('de');
    expect(replyLanguage({ chosen: null, message: null, remembered: null, platform: 'fr' })).toBe('en');
  });

  it('reads a message’s language only when it is clear', () => {
    expect(messageLanguage('la bomba de la piscina pierde agua')).toBe('es');
    expect(messageLanguage('die Spülmaschine in der Küche ist kaputt')).toBe('de');
    expect(messageLanguage('the pump in the boiler room is leaking')).toBe('en');
    // A tag and a number say nothing about language: the remembered one stays.
    expect(messageLanguage('P-301')).toBeNull();
    expect(messageLanguage('42')).toBeNull();
  });

  it('understands language names and codes people type', () => {
    expect(['es-MX', 'pt_BR', 'Deutsch', 'spanish', 'EN'].map(asLang)).toEqual(['es', 'pt', 'de', 'es', 'en']);
    expect(parseLanguageChoice('auto')).toBe('auto');
    expect(parseLanguageChoice('Português')).toBe('pt');
    expect(parseLanguageChoice('klingon')).toBeUndefined();
  });

  it('accepts only the language buttons it makes', () => {
    expect(decodeButton('l:de')).toEqual({ kind: 'language', choice: 'de' });
    expect(decodeButton('l:auto')).toEqual({ kind: 'language', choice: 'auto' });
    expect(decodeButton('l:xx')).toBeNull();
    expect(decodeButton('l:de:extra')).toBeNull();
  });
});

describe('texts in the language of the turn', () => {
  it('each of concurrent turns reads its own language across awaits', async () => {
    const said = await Promise.all(
      (['en', 'es', 'pt', 'de'] as const).map((lang, i) =>
        inLanguage(lang, async () => {
          await new Promise((r) => setTimeout(r, 20 - i * 5));
          return t.cancelled;
        }),
      ),
    );
    expect(said).toEqual(['Cancelled. Nothing was filed.', 'Cancelado. No se abrió nada.', 'Cancelado. Nada foi aberto.', 'Abgebrochen. Es wurde nichts angelegt.']);
  });

  it('every language has every text, and none is left in English by mistake', () => {
    const en = inLanguage('en', () => t.help);
    for (const lang of ['es', 'pt', 'de'] as const) {
      const help = inLanguage(lang, () => t.help);
      expect(help).not.toBe(en);
      expect(help).toContain('/language');
      expect(inLanguage(lang, () => t.create)).not.toBe(inLanguage('en', () => t.create));
    }
  });
});
