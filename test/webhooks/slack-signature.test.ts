import { describe, expect, it } from 'vitest';
import { signSlackBody, verifySlackSignature } from '../../src/webhooks/verify/slack.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyz&team_id=T1DC2JH3J&command=%2Frivet&text=open';
const ts = 1_531_420_618;
const at = (s: number) => new Date(s * 1000);

describe('verifySlackSignature (v0)', () => {
  it('accepts the HMAC-SHA256 of v0:<timestamp>:<raw body> within five minutes, either way', () => {
    const signature = signSlackBody(secret, ts, body);
    expect(signature).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(verifySlackSignature({ rawBody: body, signature, timestamp: String(ts), secret, now: at(ts + 299) })).toMatchObject({ ok: true });
    expect(verifySlackSignature({ rawBody: new TextEncoder().encode(body), signature, timestamp: String(ts), secret, now: at(ts - 299) })).toMatchObject({ ok: true });
  });

  it('refuses a stale or future timestamp, a changed body, another secret, a missing or malformed signature', () => {
    const signature = signSlackBody(secret, ts, body);
    const check = (o: Partial<Parameters<typeof verifySlackSignature>[0]>) => verifySlackSignature({ rawBody: body, signature, timestamp: String(ts), secret, now: at(ts), ...o });
    expect(check({ now: at(ts + 301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check({ now: at(ts - 301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check({ rawBody: body + '&x=1' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ secret: 'another' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: null })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(check({ signature: 'v1=abc' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'missing_timestamp' });
    // A signature made for another timestamp does not fit this one.
    expect(check({ timestamp: String(ts + 1) })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
