/**
 * Which language a turn is answered in (core/texts decides the order of preference; this reads
 * the signals): the person's choice, the language of what they just wrote when it is clear, the
 * language they wrote in before, what their chat app reports.
 */
import { asLang, replyLanguage, type Lang } from '../texts/index.js';
import { detectLanguage } from '../understanding/index.js';
import type { ChatEvent } from './input.js';
import type { Person, PlatformIdentity } from './stores.js';

/** Common English words: the detector's English is its default, so it counts only with some of these. */
const ENGLISH = new Set('the is are was and not with on in it its my to of for at this that has have please can will wont isnt doesnt dont from there'.split(' '));

/** The language of a message when it is clear, else null (short or mixed messages say little). */
export function messageLanguage(text: string): Lang | null {
  const detected = detectLanguage(text);
  if (detected !== 'en') return detected;
  const words = text.toLowerCase().replace(/['’]/g, '').match(/[a-z]+/g) ?? [];
  return words.filter((w) => ENGLISH.has(w)).length >= 2 ? 'en' : null;
}

function eventText(event: ChatEvent): string | null {
  if (event.type === 'text') return event.text;
  if (event.type === 'media') return event.caption || null;
  return null;
}

export function turnLanguage(person: Pick<Person, 'replyLanguage' | 'detectedLanguage'> | null, who: PlatformIdentity, event: ChatEvent): { lang: Lang; detected: Lang | null } {
  const text = eventText(event);
  const detected = text ? messageLanguage(text) : null;
  const lang = replyLanguage({ chosen: person?.replyLanguage ?? null, message: detected, remembered: person?.detectedLanguage ?? null, platform: who.language });
  return { lang, detected };
}

/** "/language es", "/language Deutsch", "/language auto" → the choice; undefined when not understood. */
export function parseLanguageChoice(arg: string): Lang | 'auto' | undefined {
  const a = arg.trim().toLowerCase();
  if (a === 'auto' || a === 'automatic' || a === 'automático' || a === 'automatico' || a === 'automatisch') return 'auto';
  return asLang(a) ?? undefined;
}
