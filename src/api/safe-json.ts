/**
 * Text and JSON from outside, made storable at the edge: PostgreSQL refuses NUL characters and
 * lone UTF-16 surrogates (in text and jsonb alike), and JSON.stringify overflows the stack on
 * thousands of nested levels. Every webhook and /api body goes through here before anything is
 * stored or sent on: NUL is dropped, a lone surrogate becomes U+FFFD, and anything nested deeper
 * than MAX_JSON_DEPTH is replaced by null (no platform sends more than a dozen levels). Pure.
 */

/** Deeper than any payload Telegram, Slack, Atlas or Stripe sends (they stay under ~12). */
export const MAX_JSON_DEPTH = 32;

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NEEDS_CLEANING = /[\u0000\ud800-\udfff]/;

/** The text without NUL characters and with lone surrogates replaced by U+FFFD. */
export function cleanText(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return s.replace(NUL, '').replace(LONE_SURROGATE, '\ufffd');
}

export interface Sanitized<T = unknown> {
  value: T;
  /** What was changed, for the log (never the content itself). */
  changed: { text: boolean; truncatedDepth: boolean };
}

/** A copy of a parsed JSON value that PostgreSQL will store: clean strings (keys too), depth capped. */
export function sanitizeJson(value: unknown, maxDepth = MAX_JSON_DEPTH): Sanitized {
  const changed = { text: false, truncatedDepth: false };
  const text = (s: string) => {
    const c = cleanText(s);
    if (c !== s) changed.text = true;
    return c;
  };
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return text(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth >= maxDepth) {
      changed.truncatedDepth = true;
      return null;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key stays a plain key instead of replacing the prototype.
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, text(k), { value: walk(x, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return { value: walk(value, 0), changed };
}

export type SafeJson = ({ ok: true } & Sanitized) | { ok: false; reason: 'malformed' };

/**
 * A JSON text in which no string can need cleaning: no NUL or surrogate, raw or escaped (an
 * escaped backslash before "u" also matches, which only sends the text the long way).
 */
const MAY_NEED_CLEANING = /[\u0000\ud800-\udfff]|\\u(?:0000|[dD][89a-fA-F])/;

/** No object or array nested `maxDepth` deep (what sanitizeJson would cut off). */
function within(v: unknown, maxDepth: number, depth = 0): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (depth >= maxDepth) return false;
  for (const x of Array.isArray(v) ? v : Object.values(v)) if (!within(x, maxDepth, depth + 1)) return false;
  return true;
}

/**
 * JSON.parse (iterative in V8, so any depth parses) followed by sanitizeJson. A text with nothing
 * to clean and no deep nesting (nearly every delivery) is returned as parsed, without the copy.
 */
export function parseSafeJson(text: string, maxDepth = MAX_JSON_DEPTH): SafeJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!MAY_NEED_CLEANING.test(text) && within(parsed, maxDepth)) return { ok: true, value: parsed, changed: { text: false, truncatedDepth: false } };
  return { ok: true, ...sanitizeJson(parsed, maxDepth) };
}
