/** §9.1: webhook endpoints (licence WEBHOOK, view permission SETTINGS). */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { webhookShow } from '../dto.js';
import { HttpError, idParam, me, objectBody, ok, type Route } from '../http.js';

const EVENTS = [
  'ASSET_STATUS_CHANGE', 'METER_TRIGGER_STATUS_CHANGE', 'NEW_ASSET', 'NEW_CATEGORY_ON_WORK_ORDER', 'NEW_COMMENT_ON_WORK_ORDER',
  'NEW_LOCATION', 'NEW_PART', 'NEW_PURCHASE_ORDER', 'NEW_VENDOR', 'NEW_WORK_ORDER', 'NEW_REQUEST', 'PART_CHANGE', 'PART_DELETE',
  'PART_QUANTITY_CHANGED', 'PURCHASE_ORDER_CHANGE', 'PURCHASE_ORDER_STATUS_CHANGE', 'WORK_ORDER_CHANGE', 'WORK_ORDER_DELETE',
  'WORK_ORDER_OVERDUE', 'WORK_ORDER_STATUS_CHANGE', 'WORK_REQUEST_STATUS_CHANGE',
];
const STATUSES = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETE'];

function privateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'metadata.google.internal') return true;
  if (isIP(h) === 4) return /^(10\.|127\.|0\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(h);
  if (isIP(h) === 6) return h === '::1' || /^(fc|fd|fe80)/i.test(h);
  return false;
}

export const webhookRoutes: Route[] = [
  { method: 'POST', pattern: /^\/webhook-endpoints$/, handle(ctx, world) {
    const u = me(ctx);
    if (!u.role.viewPermissions.includes('SETTINGS') || !world.licensed) throw new HttpError(403, 'Access denied');
    const b = objectBody(ctx);
    if (typeof b.url !== 'string') throw new HttpError(400, 'must not be null');
    if (typeof b.event !== 'string') throw new HttpError(500, 'Cannot invoke "com.grash.model.enums.webhook.WebhookEvent.name()" because "event" is null');
    if (!EVENTS.includes(b.event)) throw new HttpError(500, `JSON parse error: Cannot deserialize value of type \`WebhookEvent\` from String ${JSON.stringify(b.event)}`);
    let url: URL;
    try {
      url = new URL(b.url);
    } catch {
      throw new HttpError(500, 'Invalid webhook URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError(500, 'Webhook URL must use http or https');
    if (world.webhookUrlPolicy === 'strict' && privateHost(url.hostname)) {
      throw new HttpError(500, 'Webhook URL must not point to a private, loopback, link-local, or reserved address');
    }
    const statuses = Array.isArray(b.workOrderStatuses) ? b.workOrderStatuses.filter((s): s is string => typeof s === 'string') : null;
    if (statuses?.some((s) => !STATUSES.includes(s))) throw new HttpError(500, 'JSON parse error: unknown Status');
    const w = {
      id: world.store.nextId(), url: b.url, secret: `whsec_${randomBytes(32).toString('hex')}`, event: b.event,
      workOrderStatuses: statuses, serialize: b.event.includes('_CHANGE') || b.serialize === true,
      createdBy: u.id, createdAt: world.now(), lastTriggeredAt: null,
    };
    world.store.webhooks.push(w);
    return ok(webhookShow(w));
  } },
  { method: 'GET', pattern: /^\/webhook-endpoints$/, handle(ctx, world) {
    const u = me(ctx);
    if (!u.role.viewPermissions.includes('SETTINGS')) throw new HttpError(403, 'Access denied');
    return ok(world.store.webhooks.map(webhookShow));
  } },
  { method: 'DELETE', pattern: /^\/webhook-endpoints\/([^/]+)$/, handle(ctx, world) {
    me(ctx);
    const id = idParam(ctx);
    const i = world.store.webhooks.findIndex((w) => w.id === id);
    if (i < 0) throw new HttpError(404, 'Webhook endpoint not found');
    world.store.webhooks.splice(i, 1);
    return ok({ success: true, message: 'Deleted successfully' });
  } },
];
