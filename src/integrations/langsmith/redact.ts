/**
 * What leaves Rivet in a trace is scrubbed here first: values under secret-looking keys are
 * replaced, and inside any text email addresses and credential-shaped strings (bot tokens, Slack
 * and Stripe keys, JWTs, LangSmith keys) are masked. People's ids never leave at all: only a
 * one-way hash of them (`personHash`). Deep structures are cut short rather than walked forever.
 */
import { createHash } from 'node:crypto';

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authori[sz]ation|cookie|credential|signature|private[-_]?key/i;
/** Fields holding a Rivet person's id (job payloads carry them): sent as the same hash as the trace's person. */
const PERSON_KEY = /^(requesterId|personId|userId|ownerId|senderId|senderUserId|answeredBy|askedUserId|requester_id|person_id|user_id)$/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const CREDENTIALS: RegExp[] = [
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, // Telegram bot token
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}/g, // Stripe keys
  /\bwhsec_[A-Za-z0-9]{8,}/g, // webhook signing secrets
  /\blsv2_[A-Za-z0-9_]{16,}/g, // LangSmith keys
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs (Atlas access tokens)
  /\bBearer\s+[A-Za-z0-9._~+/=-]{12,}/gi,
];
const MAX_DEPTH = 8;
const MAX_ITEMS = 50;
const MAX_STRING = 4_000;

export function scrubText(s: string): string {
  let out = s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s;
  out = out.replace(EMAIL, '[email]');
  for (const re of CREDENTIALS) out = out.replace(re, '[redacted]');
  return out;
}

/** A copy of `value` safe to send: secret keys replaced, texts scrubbed, depth and breadth bounded. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : typeof value === 'function' ? undefined : value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(value)) {
    if (n++ >= MAX_ITEMS) break;
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : PERSON_KEY.test(k) && typeof v === 'string' ? `person:${personHash(v)}` : scrub(v, depth + 1);
  }
  return out;
}

export function scrubRecord(value: Record<string, unknown> | undefined): Record<string, unknown> {
  return value ? (scrub(value) as Record<string, unknown>) : {};
}

/** The stable, one-way stand-in for a person's id in traces. */
export function personHash(personId: string): string {
  return createHash('sha256').update(`rivet-person:${personId}`).digest('hex').slice(0, 16);
}
