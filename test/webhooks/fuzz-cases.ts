/**
 * Seeded hostile bodies for every webhook and /api route: realistic payloads (as the platforms and
 * an admin send them) mutated with NUL characters, lone surrogates, thousands of nested levels,
 * huge strings, wrong types, missing fields, broken JSON, and now and then a chunked body far over
 * the limit. The same seed gives the same cases. Used by test/webhooks/fuzz.test.ts and `npm run fuzz`.
 */
import type { Route } from './edge-harness.js';

export interface FuzzCase {
  route: Route;
  /** Where to send it (the route's path unless another /api path). */
  path?: string;
  method: 'POST' | 'PATCH' | 'GET';
  body: string;
  contentType?: string;
  /** Stream this many bytes chunked instead of `body` (an oversize upload). */
  oversizeBytes?: number;
  mutation: string;
}

/** mulberry32: small, fast and deterministic. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

const HOSTILE_TEXT = ['\u0000', '\ud800', '\udfff', 'a\u0000b', '\udbff\u0000\udc00x', '\u202e', '\ufeff', '%00', '\\u0000', "'; drop table users; --", '<script>x</script>', '𝔘𝔫𝔦'];

/** Hostile bits of a query string, percent-encoded as a client sends them (invalid UTF-8 included). */
const HOSTILE_QUERY = ['%00', '%ED%A0%80', '%FF%FE', '%', '%25', '..%2F..%2Fetc%2Fpasswd', '%27%3B%20drop%20table%20users', 'pump', '-1', '1e400', '00000000-0000-0000-0000-000000000000', '%E2%80%AE'];

function deep(n: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

/** A JSON text nested `n` levels (built as text: JSON.stringify itself would overflow). */
const deepText = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

function basePayload(route: Route, r: Rng, seq: number, now: number): { path?: string; method: FuzzCase['method']; value: unknown; contentType?: string } {
  const uid = 900_000_000 + seq;
  const person = { id: 6_000_000 + r.int(1000), is_bot: false, first_name: 'Fuzz', username: `fuzz${r.int(1000)}`, language_code: 'en' };
  switch (route) {
    case 'telegram':
      return r.next() < 0.7
        ? { method: 'POST', value: { update_id: uid, message: { message_id: seq, from: person, chat: { id: person.id, type: 'private', first_name: 'Fuzz' }, date: Math.floor(now / 1000), text: r.pick(['pump P-301 leaking', '/status WO000001', 'hello', '/start abc']) } } }
        : { method: 'POST', value: { update_id: uid, callback_query: { id: `cb${seq}`, from: person, chat_instance: '1', data: r.pick(['q:00000000-0000-0000-0000-000000000000:1', 'a:deadbeef:1:1', 'x:zz:1', 'c:12345678:2']), message: { message_id: 1, chat: { id: person.id, type: 'private' }, date: 1, text: '…' } } } };
    case 'slack': {
      if (r.next() < 0.6) {
        return { method: 'POST', value: { token: 'x', team_id: 'T0FUZZ', api_app_id: 'A0RIVET', type: 'event_callback', event_id: `EvFUZZ${seq}`, event_time: Math.floor(now / 1000), event: { type: 'message', channel: r.pick(['C0OVERSIGHT1', 'D0FUZZDM01']), user: 'U0FUZZ0001', text: 'hello', ts: `${Math.floor(now / 1000)}.${seq}`, channel_type: r.pick(['im', 'channel']) } } };
      }
      const payload = { type: 'block_actions', team: { id: 'T0FUZZ' }, user: { id: 'U0FUZZ0001' }, trigger_id: `${now}.${seq}.fuzz`, channel: { id: 'D0FUZZDM01' }, container: { type: 'message', channel_id: 'D0FUZZDM01', message_ts: '1.1' }, actions: [{ type: 'button', action_id: 'rivet_x', value: r.pick(['q:00000000-0000-0000-0000-000000000000:1', 'ov:zz:t', 'n:deadbeef:1']), action_ts: '1.2' }] };
      return { method: 'POST', value: { payload }, contentType: 'application/x-www-form-urlencoded' };
    }
    case 'atlas':
      return { method: 'POST', value: { workOrderId: 1 + r.int(50), workOrderTitle: 'Leak on chiller 2', previousStatus: 'OPEN', newStatus: r.pick(['IN_PROGRESS', 'ON_HOLD', 'COMPLETE']), changedWorkOrder: null, occurredAt: new Date(now).toISOString(), companyId: 1, seq } };
    case 'stripe':
      return { method: 'POST', value: { id: `evt_fuzz_${seq}`, object: 'event', api_version: '2026-10-28.endive', created: Math.floor(now / 1000), livemode: false, pending_webhooks: 1, type: r.pick(['customer.subscription.updated', 'checkout.session.completed', 'invoice.paid']), data: { object: { id: `sub_fuzz${seq}`, object: 'subscription', customer: `cus_fuzz${seq}`, status: 'active' } } } };
    case 'api': {
      const which = r.int(8);
      if (which >= 5) {
        const q = () => r.pick(HOSTILE_QUERY) + r.pick(['', 'x'.repeat(r.pick([10, 5_000]))]);
        const paths = [`/api/assets?q=${q()}&limit=${q()}`, `/api/users?email=${q()}`, `/api/report?since=${q()}&tz=${q()}`, `/api/work-orders?requester=${q()}`, `/api/work-orders/${q()}`, `/api/users/${q()}`, `/api/assets/${q()}/qr.png`, '/api/groups'];
        return { path: r.pick(paths), method: 'GET', value: null };
      }
      if (which === 0) return { path: '/api/users/from-telegram', method: 'POST', value: { telegramId: 5_000_000 + seq, username: 'fuzzer', displayName: 'Fuzz', language: 'en' } };
      if (which === 1) return { path: '/api/groups', method: 'POST', value: { channel: 'telegram', chatId: `-100${seq}`, title: 'Crew', crew: 'night' } };
      if (which === 2) return { path: '/api/invites', method: 'POST', value: { name: 'Fuzz', tier: 'starter' } };
      if (which === 3) return { path: `/api/users/00000000-0000-0000-0000-00000000000${r.int(10)}`, method: 'PATCH', value: { tier: 'pro' } };
      return { path: '/api/work-orders', method: 'POST', value: { title: 'Fuzz leak', description: 'd', priority: r.pick(['LOW', 'MEDIUM', 'HIGH']) } };
    }
  }
}

/** Every string leaf and object of a value, as setters, to mutate one in place. */
function slots(v: unknown, depth = 0, out: { get: () => unknown; set: (x: unknown) => void }[] = []) {
  if (!v || typeof v !== 'object' || depth > 8) return out;
  for (const k of Object.keys(v as object)) {
    const o = v as Record<string, unknown>;
    out.push({ get: () => o[k], set: (x) => void (o[k] = x) });
    slots(o[k], depth + 1, out);
  }
  return out;
}

const MUTATIONS = ['nul', 'surrogate', 'deep', 'huge_string', 'wrong_type', 'drop_field', 'hostile_key', 'broken_json', 'many_keys', 'valid'] as const;

export interface FuzzOptions { now?: number; oversizeEvery?: number; oversizeBytes?: number }

/** `count` cases, made one at a time when asked for (10,000 with huge strings would not fit in memory at once). */
export function fuzzCases(seed: number, count: number, o: FuzzOptions = {}): { count: number; at(i: number): FuzzCase } {
  const now = o.now ?? Date.now();
  return { count, at: (i) => fuzzCase(seed, i, { ...o, now }) };
}

/** Case `i` of a seed: the same every time (each case has its own generator). */
export function fuzzCase(seed: number, i: number, o: FuzzOptions = {}): FuzzCase {
  const r = rng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
  const now = o.now ?? Date.now();
  const routes: Route[] = ['telegram', 'slack', 'atlas', 'stripe', 'api'];
  const cases: FuzzCase[] = [];
  {
    const oversize = !!o.oversizeEvery && i % o.oversizeEvery === o.oversizeEvery - 1;
    // Oversize uploads take the routes in turn too.
    const route = routes[(oversize ? Math.floor(i / o.oversizeEvery!) : i) % routes.length]!;
    const base = basePayload(route, r, seed * 100_000 + i, now);
    const path = base.path;
    if (oversize) {
      return { route, ...(path ? { path } : {}), method: 'POST', body: '', oversizeBytes: o.oversizeBytes ?? 8 * 1024 * 1024, mutation: 'chunked_oversize' };
    }
    if (base.method === 'GET') {
      return { route, ...(path ? { path } : {}), method: 'GET', body: '', mutation: 'query' };
    }
    const value = base.value as Record<string, unknown>;
    // The Slack interaction's payload is mutated inside, then form-encoded.
    const target = route === 'slack' && 'payload' in value ? (value.payload as Record<string, unknown>) : value;
    const mutation = r.pick(MUTATIONS);
    const s = slots(target);
    const slot = s.length ? r.pick(s) : null;
    let text: string | null = null;
    switch (mutation) {
      case 'nul':
      case 'surrogate':
        for (const x of s) if (typeof x.get() === 'string' && r.next() < 0.5) x.set(`${String(x.get())}${r.pick(HOSTILE_TEXT)}${mutation === 'nul' ? '\u0000' : '\ud800'}`);
        break;
      case 'deep':
        // Marked and replaced in the text below.
        slot?.set('__DEEP__');
        break;
      case 'huge_string':
        slot?.set('x'.repeat(r.pick([10_000, 60_000, 200_000, 900_000])));
        break;
      case 'wrong_type':
        slot?.set(r.pick([null, 0, -1, 1e308, true, [], {}, [1, [2, [3]]], '', 'NaN', 2 ** 63]));
        break;
      case 'drop_field':
        if (slot) for (const k of Object.keys(target)) if (r.next() < 0.3) delete target[k];
        break;
      case 'hostile_key':
        target[r.pick(['__proto__', 'constructor', '\u0000', '\ud800', 'prototype'])] = r.pick([{ polluted: true }, 'x', 1]);
        break;
      case 'many_keys':
        for (let k = 0; k < 2_000; k++) target[`k${k}`] = k;
        break;
      case 'broken_json':
      case 'valid':
        break;
    }
    const json = () => {
      const t = JSON.stringify(value);
      return mutation === 'deep' ? t.replace('"__DEEP__"', deepText(r.pick([100, 1_000, 5_000, 20_000]))) : t;
    };
    if (route === 'slack' && base.contentType) {
      const payloadText = JSON.stringify(value.payload).replace('"__DEEP__"', deepText(5_000));
      text = new URLSearchParams({ payload: mutation === 'broken_json' ? payloadText.slice(0, r.int(payloadText.length)) : payloadText }).toString();
    } else {
      text = json();
      if (mutation === 'broken_json') text = r.pick([text.slice(0, r.int(text.length)), `${text}}`, text.replace(/"/g, "'"), '\u0000', '', 'null', '[]', '"str"', deepText(3).slice(0, 10)]);
    }
    cases.push({ route, ...(path ? { path } : {}), method: base.method, body: text, ...(base.contentType ? { contentType: base.contentType } : {}), mutation });
  }
  return cases[0]!;
}

export { deep };
