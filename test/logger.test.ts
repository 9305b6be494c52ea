/**
 * What the logs may hold: credentials never; people's words, email addresses and one-time tokens
 * only when LOG_LEVEL is debug (or trace), so an info-level log shipped anywhere holds none of them.
 */
import { describe, expect, it } from 'vitest';
import { memoryLogger } from './helpers/logger.js';

const EMAIL = 'ana.lopez@plant.example';
const TOKEN = 'lt_6f1d0c9a8b7e';
const TEXT = 'pump 301 in the boiler room is leaking oil';
const PASSWORD = 'atlas-password-123';

function logged(level: string): string {
  const { logger, raw } = memoryLogger(level);
  const log = logger.child({ eventKey: 'tg:u:1' });
  log.info({ email: EMAIL, token: TOKEN, text: TEXT, user: { email: EMAIL }, password: PASSWORD }, 'inbound');
  log.debug({ text: TEXT, atlas: { password: PASSWORD } }, 'interpreted');
  return raw.join('\n');
}

describe('log redaction', () => {
  it('keeps email addresses, tokens and message texts out of an info-level log', () => {
    const out = logged('info');
    expect(out).toContain('tg:u:1');
    for (const s of [EMAIL, TOKEN, TEXT, PASSWORD]) expect(out).not.toContain(s);
    expect(out).toContain('[redacted]');
  });

  it('writes them at debug level, where someone is looking into one conversation; passwords still never', () => {
    const out = logged('debug');
    for (const s of [EMAIL, TOKEN, TEXT]) expect(out).toContain(s);
    expect(out).not.toContain(PASSWORD);
  });
});
