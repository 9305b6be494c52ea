import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { person, startE2E, type E2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { TELEGRAM_WEBHOOK_SECRET: '' } });
});
afterAll(() => e?.close());

describe('long polling (no webhook secret)', () => {
  it('removes any webhook, fetches updates and handles each once', async () => {
    await e.tg.waitFor('getUpdates');
    expect(e.tg.callsOf('deleteWebhook')).toHaveLength(1);
    expect((await e.post(textUpdate(person(), 'hi'))).status).toBe(404); // no webhook route in this mode
    const ray = person('Ray');
    const u = textUpdate(ray, 'Pump P-501 leaking oil');
    e.tg.queueUpdate(u);
    await e.waitForText(ray.id, /New work order\nAsset: Pump P-501/);
    const polls = e.tg.callsOf('getUpdates');
    expect(polls.at(-1)!.params.allowed_updates).toEqual(['message', 'callback_query']);
  });
});
