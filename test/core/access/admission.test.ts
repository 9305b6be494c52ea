import { describe, expect, it } from 'vitest';
import { admit, attributionOf, emptyAllowlist, mayLink, onAllowlist, parseAllowlist, type Admittee } from '../../../src/core/access/index.js';

const list = (raw: string) => {
  const r = parseAllowlist(raw);
  if ('error' in r) throw new Error(r.error);
  return r.allowlist;
};
const person = (over: Partial<Admittee> = {}): Admittee => ({ role: 'technician', tier: 'beta', disabled: false, ...over });
const stranger = { username: 'zed', email: null };

describe('admission (RIVET_SIGNUP)', () => {
  it('open: anyone comes in; a switched-off person does not', () => {
    expect(admit('open', null, stranger, emptyAllowlist)).toEqual({ admit: true });
    expect(admit('open', person({ disabled: true }), stranger, emptyAllowlist)).toEqual({ admit: false, reason: 'disabled' });
  });

  it('invite: people Rivet knows and allow-listed usernames or emails; strangers are refused', () => {
    const allow = list('@Ana_T, bo@plant.com');
    expect(admit('invite', null, stranger, allow)).toEqual({ admit: false, reason: 'stranger' });
    expect(admit('invite', null, { username: 'ana_t' }, allow)).toEqual({ admit: true });
    expect(admit('invite', null, { username: null, email: 'Bo@Plant.com' }, allow)).toEqual({ admit: true });
    expect(admit('invite', person(), stranger, allow)).toEqual({ admit: true });
    expect(admit('invite', person({ disabled: true, tier: 'pro' }), stranger, allow)).toEqual({ admit: false, reason: 'disabled' });
  });

  it('stripe: paying customers, supervisors and lapsed customers (read-only by their plan); not beta people or strangers, allow-list or not', () => {
    const allow = list('@zed');
    expect(admit('stripe', null, stranger, allow)).toEqual({ admit: false, reason: 'stranger' });
    expect(admit('stripe', person({ tier: 'beta' }), stranger, allow)).toEqual({ admit: false, reason: 'not_customer' });
    for (const tier of ['starter', 'pro', 'enterprise', 'lapsed'] as const) expect(admit('stripe', person({ tier }), stranger, allow)).toEqual({ admit: true });
    expect(admit('stripe', person({ tier: 'beta', role: 'supervisor' }), stranger, allow)).toEqual({ admit: true });
  });

  it('RIVET_ALLOWLIST is parsed strictly and matched without case or "@"', () => {
    expect(parseAllowlist('@ok_name, a@b.co')).toEqual({ allowlist: { usernames: ['ok_name'], emails: ['a@b.co'] } });
    expect(parseAllowlist('@ok, nope')).toEqual({ error: expect.stringMatching(/“@ok” is neither/) });
    expect(parseAllowlist('nope')).toEqual({ error: expect.stringMatching(/“nope” is neither/) });
    expect(onAllowlist(list('@ana_t'), { username: '@ANA_T' })).toBe(true);
    expect(onAllowlist(list('@ana_t'), { username: null })).toBe(false);
  });
});

describe('sign-up links (mayLink)', () => {
  it('connect an account nobody has, the same person’s, or a self-signed-up beta person’s; never a provisioned person’s', () => {
    expect(mayLink(null, 'p')).toBe('ok');
    expect(mayLink({ id: 'p', selfSignedUp: false }, 'p')).toBe('ok');
    expect(mayLink({ id: 'beta', selfSignedUp: true }, 'p')).toBe('ok');
    expect(mayLink({ id: 'boss', selfSignedUp: false }, 'p')).toBe('in_use');
  });
});

describe('attribution', () => {
  it('names a provisioned person by their provisioned name and email, anyone else by platform id and username', () => {
    expect(attributionOf({ provisionedName: 'Fay Boss', email: 'fay@plant.test', account: { channel: 'telegram', externalId: '7', username: 'plant_manager' } })).toBe('Fay Boss <fay@plant.test>');
    expect(attributionOf({ provisionedName: null, email: 'fay@plant.test', account: null })).toBe('fay@plant.test');
    expect(attributionOf({ provisionedName: null, email: null, account: { channel: 'telegram', externalId: '7001', username: 'ana_t' } })).toBe('Telegram user 7001 @ana_t');
    expect(attributionOf({ provisionedName: null, email: null, account: { channel: 'telegram', externalId: '7001', username: null } })).toBe('Telegram user 7001');
  });
});
