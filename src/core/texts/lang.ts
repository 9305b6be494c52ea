/**
 * The languages Rivet speaks to people in, and how it chooses one for a reply: the person's own
 * choice (/language) first, then the language of the message they just wrote, then the language
 * their earlier messages were in, then the one their chat app reports, then English.
 */
export type Lang = 'en' | 'es' | 'pt' | 'de';

export const LANGS: readonly Lang[] = ['en', 'es', 'pt', 'de'];

/** Each language named in itself, for /language. */
export const LANG_NAME: Record<Lang, string> = { en: 'English', es: 'Español', pt: 'Português', de: 'Deutsch' };

/** "es-MX", "pt_BR", "DE", "Español" → the language Rivet speaks, or null. */
export function asLang(code: string | null | undefined): Lang | null {
  if (!code) return null;
  const c = code.trim().toLowerCase();
  const base = c.split(/[-_]/)[0] ?? '';
  if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  const byName = LANGS.find((l) => LANG_NAME[l].toLowerCase() === c || ENGLISH_NAME[l] === c);
  if (byName) return byName;
  return ALIASES[c] ?? null;
}

const ENGLISH_NAME: Record<Lang, string> = { en: 'english', es: 'spanish', pt: 'portuguese', de: 'german' };
const ALIASES: Record<string, Lang> = {
  espanol: 'es', castellano: 'es', portugues: 'pt', deutsch: 'de', aleman: 'de', ingles: 'en', englisch: 'en',
  spanisch: 'es', portugiesisch: 'pt', inglês: 'en', espanhol: 'es', alemão: 'de', alemao: 'de',
};

export interface LanguageSignals {
  /** What the person chose with /language (or an administrator set). */
  chosen: Lang | null;
  /** The language of the message being answered, when it is clear. */
  message: Lang | null;
  /** The language their earlier messages were in. */
  remembered: Lang | null;
  /** What their chat app reports ("es-MX"). */
  platform: string | null;
}

export function replyLanguage(s: LanguageSignals): Lang {
  return s.chosen ?? s.message ?? s.remembered ?? asLang(s.platform) ?? 'en';
}
