/**
 * Forged button data (Telegram callback_data is whatever the client sends): non-UUID question
 * ids, bad conversation tags, oversize or binary garbage. Each tap is answered harmlessly ("out of
 * date"), nothing reaches PostgreSQL as garbage, and no job fails or retries over it.
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeButton } from '../../src/core/conversation/callback-data.js';
import { texts } from '../../src/core/conversation/index.js';
import { outbox } from '../../src/db/schema.js';
import { callbackUpdate } from '../fakes/telegram/updates.js';
import { person, startE2E, until, type E2E } from '../e2e/harness.js';
import { describeWith } from '../helpers/services.js';

const FORGED = [
  'q:------------------------------------:1',
  'q:zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz:0',
  "q:1'; drop table users; --:1",
  'q:00000000-0000-0000-0000-000000000000:999',
  'q:00000000-0000-0000-0000-000000000000:x',
  'a:ZZZZZZZZ:1:1',
  'a:deadbeef:99999999999999999999:1',
  't:deadbeef:1:Q',
  'x'.repeat(64),
  '\u0000\u0000',
  '',
];

describe('decodeButton', () => {
  it('refuses question buttons whose id is not a UUID or whose choice is not a small number', () => {
    for (const data of FORGED) expect(decodeButton(data)).toBeNull();
    expect(decodeButton('q:0b7f3a52-6a0e-4c2e-9a55-1d2c3b4a5f60:2')).toEqual({ kind: 'question', questionId: '0b7f3a52-6a0e-4c2e-9a55-1d2c3b4a5f60', option: '2' });
  });
});

describeWith(['postgres', 'redis'], 'forged taps through the Telegram webhook', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 60_000);
  afterAll(async () => {
    await e?.close();
  });

  it('each is answered "out of date", no job fails and nothing is retried', async () => {
    const p = person();
    for (const data of FORGED) {
      const res = await e.post(callbackUpdate(p, data, { message_id: 1, chatId: p.id }));
      expect(res.status).toBe(200);
    }
    await until(() => e.tg.answers.length >= FORGED.length, 15_000, 'every tap answered');
    await e.idle();
    expect(e.tg.answers.map((a) => a.text ?? '')).toEqual(FORGED.map(() => texts.staleButton));
    const failed = await e.tdb.database.db.select().from(outbox).where(inArray(outbox.status, ['failed']));
    expect(failed).toEqual([]);
    expect(e.logLines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
