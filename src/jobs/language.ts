/**
 * The language a job speaks to people in: what the chat turn that queued it stamped on its
 * command (core/texts), English when nothing did. Handlers run inside it, so every notice they
 * build (filed, delayed, failed) is in the requester's language.
 */
import { asLang, type Lang } from '../core/texts/index.js';

export function payloadLanguage(payload: unknown): Lang {
  const p = payload as { language?: unknown; cmd?: { language?: unknown }; command?: { language?: unknown } } | null;
  const raw = p?.language ?? p?.cmd?.language ?? p?.command?.language;
  return typeof raw === 'string' ? (asLang(raw) ?? 'en') : 'en';
}
