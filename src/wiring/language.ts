/**
 * The language scope core's texts read (core/texts/scope.ts), over AsyncLocalStorage: each chat
 * turn and job runs in its person's language, concurrently with others in other languages.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { useLanguageScope, type Lang } from '../core/texts/index.js';

export function installLanguageScope(): void {
  const store = new AsyncLocalStorage<Lang>();
  useLanguageScope({ run: (lang, fn) => store.run(lang, fn), current: () => store.getStore() });
}
