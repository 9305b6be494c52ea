/**
 * Which language the texts being built right now are for. The chat engine and the job handlers
 * that tell people things run their work `inLanguage(lang, …)`; every localized catalog
 * (localized()) reads the current language when a text is picked. The scope is a port: wiring
 * installs one over Node's AsyncLocalStorage (src/wiring/language.ts), so concurrent turns for
 * people in different languages never mix; core itself stays free of Node APIs.
 */
import type { Lang } from './lang.js';

export interface LanguageScope {
  run<T>(lang: Lang, fn: () => T): T;
  current(): Lang | undefined;
}

/** Until wiring installs the real scope: correct for synchronous code only (CLI tools, unit tests). */
function stackScope(): LanguageScope {
  const stack: Lang[] = [];
  return {
    run(lang, fn) {
      stack.push(lang);
      try {
        return fn();
      } finally {
        stack.pop();
      }
    },
    current: () => stack[stack.length - 1],
  };
}

let active: LanguageScope = stackScope();

export function useLanguageScope(scope: LanguageScope): void {
  active = scope;
}

export function inLanguage<T>(lang: Lang, fn: () => T): T {
  return active.run(lang, fn);
}

export function currentLanguage(): Lang {
  return active.current() ?? 'en';
}

/**
 * One catalog per language behind one object: `t.help` is the help text in the current language.
 * The English catalog is the master; the others must have every entry (their type says so).
 */
export function localized<T extends object>(catalogs: Record<Lang, T>): T {
  return new Proxy(catalogs.en, {
    get(_target, key) {
      return Reflect.get(catalogs[currentLanguage()], key);
    },
  }) as T;
}

/** A catalog's shape with its literal strings widened, so a translation may say anything. */
export type Catalog<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Catalog<R>
    : T extends readonly (infer U)[]
      ? readonly Catalog<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Catalog<T[K]> }
        : T;
