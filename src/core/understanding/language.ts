/**
 * Which language a message is written in (en, es, pt, de): the language packs' marker words
 * decide (lang/index.ts). Kept here so callers import it where they always did.
 */
export { detectLanguage, type Language } from './lang/index.js';
