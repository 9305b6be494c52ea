/**
 * Atlas as supervisor oversight uses it (src/core/oversight/ports.ts OversightAtlas): open work
 * orders, assignable people (cached a few minutes: they change rarely and every card shows them),
 * links into Atlas's web app, and the changes supervisors make from Slack.
 */
import type { OversightAtlas } from '../../core/oversight/index.js';
import type { WorkOrderStatus, WorkOrderSummary } from '../../core/model.js';
import type { AtlasClient } from './client.js';
import { criteria } from './criteria.js';
import { personName, toWorkOrderSummary } from './mapping.js';

const ACTIVE: WorkOrderStatus[] = ['OPEN', 'IN_PROGRESS', 'ON_HOLD'];
const USERS_TTL_MS = 5 * 60_000;

export function createOversightAtlas(
  client: AtlasClient,
  opts: {
    /** Atlas's web app (links to work orders). */
    webUrl: string | null;
    /** A completion was made: record the status as known, so the status poll stays quiet about it. */
    statusKnown(wo: WorkOrderSummary): Promise<void>;
    now?: () => number;
  },
): OversightAtlas {
  const now = opts.now ?? Date.now;
  let users: { at: number; list: Promise<{ id: number; name: string }[]> } | null = null;
  return {
    async openWorkOrders(limit) {
      const page = await client.searchWorkOrders(criteria().eq('archived', false).statusIn(ACTIVE).sortBy('createdAt', 'DESC').paging(0, limit).build());
      return page.content.map(toWorkOrderSummary);
    },
    assignableUsers() {
      if (!users || now() - users.at > USERS_TTL_MS) {
        const list = client.listAssignableUsers().then((us) => us.map((u) => ({ id: u.id, name: personName(u) })));
        users = { at: now(), list };
        // A failed read is not kept: the next card asks again.
        list.catch(() => (users = null));
      }
      return users.list;
    },
    workOrderUrl: (id) => (opts.webUrl ? `${opts.webUrl}/app/work-orders/${id}` : null),
    async setPriority(id, priority) {
      return toWorkOrderSummary(await client.updateWorkOrder(id, (wo) => ({ ...wo, priority })));
    },
    async assign(id, userId) {
      return toWorkOrderSummary(await client.updateWorkOrder(id, (wo) => ({ ...wo, primaryUser: { id: userId }, assignedTo: [{ id: userId }] })));
    },
    async complete(id, note) {
      const wo = toWorkOrderSummary(await client.changeStatus(id, 'COMPLETE', note));
      await opts.statusKnown(wo);
      return wo;
    },
  };
}
