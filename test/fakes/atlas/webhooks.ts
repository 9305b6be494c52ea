/**
 * Outgoing webhook deliveries (contract §9.3): POST to each registered endpoint of the event, signed with
 * lowercase hex HMAC-SHA256 keyed by the full `whsec_…` secret over the raw body; no retries.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { dateOut } from './jsoup.js';
import type { FakeStore, FakeWebhook } from './store.js';

export interface DeliveryRecord {
  webhookId: number;
  event: string;
  url: string;
  deliveryId: string;
  body: string;
  status: number | null;
  error: string | null;
}

export interface WebhookDispatcher {
  /** Fire an event; `changed` fields plus `occurredAt` and `companyId` make the payload (§9.4). */
  emit(event: string, payload: Record<string, unknown>, dto: { key: string; value: () => unknown }, filter?: (w: FakeWebhook) => boolean): void;
  settle(): Promise<void>;
  readonly deliveries: DeliveryRecord[];
}

export function signBody(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function createWebhookDispatcher(deps: { store: FakeStore; licensed: () => boolean; now: () => Date }): WebhookDispatcher {
  const pending = new Set<Promise<void>>();
  const deliveries: DeliveryRecord[] = [];

  async function deliver(w: FakeWebhook, event: string, body: string): Promise<void> {
    const deliveryId = randomUUID();
    const record: DeliveryRecord = { webhookId: w.id, event, url: w.url, deliveryId, body, status: null, error: null };
    deliveries.push(record);
    try {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-webhook-signature': signBody(w.secret, body),
          'x-webhook-timestamp': String(deps.now().getTime()),
          'x-webhook-id': deliveryId,
          'x-webhook-event': event,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      record.status = res.status;
      if (res.ok) w.lastTriggeredAt = deps.now();
    } catch (e) {
      record.error = e instanceof Error ? e.message : String(e); // logged and dropped, as Atlas does
    }
  }

  return {
    deliveries,
    emit(event, payload, dto, filter) {
      if (!deps.licensed()) return; // §9.3: no licence, no deliveries
      for (const w of deps.store.webhooks) {
        if (w.event !== event || (filter && !filter(w))) continue;
        const body = JSON.stringify({ ...payload, [dto.key]: w.serialize ? dto.value() : null, occurredAt: dateOut(deps.now()), companyId: 1 });
        const p = deliver(w, event, body).finally(() => pending.delete(p));
        pending.add(p);
      }
    },
    async settle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
