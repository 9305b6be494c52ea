import { asLang, replyLanguage, type Lang } from './lang.js';

/** The language to tell a person something in when they did not just write (a job's notice, a supervisor's reply). */
export function languageOfPerson(p: { replyLanguage?: string | null; detectedLanguage?: string | null; language?: string | null } | null | undefined): Lang {
  if (!p) return 'en';
  return replyLanguage({ chosen: asLang(p.replyLanguage), message: null, remembered: asLang(p.detectedLanguage), platform: p.language ?? null });
}
