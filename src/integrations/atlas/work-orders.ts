/**
 * Work-order calls (contract §3): idempotent create, reads, searches, status, full-replace update.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { WorkOrderStatus } from '../../core/model.js';
import { criteria } from './criteria.js';
import { AtlasApiError, AtlasNetworkError, AtlasResponseError } from './errors.js';
import { unescapeHtml } from './html.js';
import { toWorkOrderPatch } from './mapping.js';
import { hasMarker, markerFor, withMarker, WORK_ORDER_MARKER_PREFIX } from './marker.js';
import { pageSchema, workOrderSchema } from './schemas.js';
import type { Transport } from './transport.js';
import type { AtlasPage, AtlasWorkOrder, SearchCriteria, WorkOrderInput, WorkOrderPatch } from './types.js';

const woPage = pageSchema(workOrderSchema);
/** §3.3: description is a 10,000-character column; Jsoup escaping can lengthen it, so leave room. */
const MAX_DESCRIPTION = 9_000;
const ACTIVE: WorkOrderStatus[] = ['OPEN', 'IN_PROGRESS', 'ON_HOLD'];

export function toPage<T>(p: { content: T[]; totalElements: number; totalPages: number; number: number; size: number; last?: boolean | null | undefined }): AtlasPage<T> {
  return {
    content: p.content,
    totalElements: p.totalElements,
    totalPages: p.totalPages,
    number: p.number,
    size: p.size,
    last: p.last ?? p.number + 1 >= p.totalPages,
  };
}

function ref(id: number | null | undefined): { id: number } | null {
  return id === null || id === undefined ? null : { id };
}

function createBody(input: WorkOrderInput, idempotencyKey: string): Record<string, unknown> {
  const description = withMarker((input.description ?? '').slice(0, MAX_DESCRIPTION), idempotencyKey);
  return {
    title: input.title,
    description,
    priority: input.priority ?? 'NONE',
    dueDate: input.dueDate ?? null,
    estimatedStartDate: input.estimatedStartDate ?? null,
    estimatedDuration: input.estimatedDuration ?? 0,
    asset: ref(input.assetId),
    location: ref(input.locationId),
    category: ref(input.categoryId),
    primaryUser: ref(input.primaryUserId),
    assignedTo: (input.assignedToIds ?? []).map((id) => ({ id })),
    team: ref(input.teamId),
    files: (input.fileIds ?? []).map((id) => ({ id })),
  };
}

/** A failure after which Atlas may or may not have done it (timeout, dropped connection, 5xx/429, garbled 2xx). */
export function isAmbiguous(e: unknown): boolean {
  return (e instanceof AtlasNetworkError) || (e instanceof AtlasApiError && e.retryable) || e instanceof AtlasResponseError;
}

export function createWorkOrderCalls(transport: Transport, logger: Logger) {
  const log = logger.child({ component: 'atlas-work-orders' });

  async function searchWorkOrders(c: SearchCriteria): Promise<AtlasPage<AtlasWorkOrder>> {
    return toPage(await transport.call({ method: 'POST', path: '/work-orders/search', body: c, auth: true, idempotent: true }, woPage));
  }

  async function findWorkOrderByMarker(idempotencyKey: string): Promise<AtlasWorkOrder | null> {
    const marker = markerFor(idempotencyKey);
    const page = await searchWorkOrders(criteria().contains('description', marker).sortBy('id', 'ASC').paging(0, 20).build());
    return page.content.find((wo) => hasMarker(wo.description, idempotencyKey)) ?? null;
  }

  async function getWorkOrder(id: number): Promise<AtlasWorkOrder> {
    return transport.call({ method: 'GET', path: `/work-orders/${id}`, auth: true, idempotent: true }, workOrderSchema);
  }

  return {
    searchWorkOrders,
    findWorkOrderByMarker,
    getWorkOrder,

    /**
     * Idempotent per key: the key is written into the description as a marker. Before the first POST, and after
     * every ambiguous failure (timeout, dropped connection, 5xx/429), Atlas is searched for the marker, so a retry
     * never files a second work order.
     */
    async createWorkOrder(input: WorkOrderInput, opts: { idempotencyKey: string; beforeWrite?: () => Promise<void> }): Promise<AtlasWorkOrder> {
      const key = opts.idempotencyKey;
      const existing = await findWorkOrderByMarker(key);
      if (existing) {
        log.info({ workOrderId: existing.id, marker: markerFor(key) }, 'work order already filed for this key');
        return existing;
      }
      const body = createBody(input, key);
      await opts.beforeWrite?.();
      for (let attempt = 1; ; attempt++) {
        try {
          return await transport.call({ method: 'POST', path: '/work-orders', body, auth: true, idempotent: false, retry: false }, workOrderSchema);
        } catch (e) {
          if (!isAmbiguous(e)) throw e;
          const last = attempt >= transport.retry.attempts;
          // After a timeout Atlas may still be working on the first POST: give it as long again before asking.
          const timedOut = e instanceof AtlasNetworkError && e.failure === 'timeout';
          const wait = Math.max(last ? 0 : transport.backoffMs(attempt), timedOut ? transport.timeoutMs : 0);
          if (wait > 0) await transport.sleep(wait);
          let found: AtlasWorkOrder | null;
          try {
            found = await findWorkOrderByMarker(key);
          } catch (checkError) {
            // We cannot tell whether the first POST created it, so we must not post again: the caller retries later.
            log.warn({ err: (checkError as AtlasApiError).toJSON?.() ?? String(checkError) }, 'create failed and the marker check failed too; not retrying');
            throw e;
          }
          if (found) {
            log.warn({ workOrderId: found.id, attempt }, 'create failed ambiguously but the work order exists; using it');
            return found;
          }
          if (last || e instanceof AtlasResponseError) throw e;
          log.warn({ attempt, err: (e as AtlasApiError).toJSON() }, 'create failed and no work order exists; trying again');
        }
      }
    },

    async getWorkOrderByCustomId(customId: string): Promise<AtlasWorkOrder | null> {
      const page = await searchWorkOrders(criteria().eq('customId', customId).paging(0, 1).build());
      return page.content.find((wo) => wo.customId === customId) ?? null;
    },

    async workOrdersOfRequester(
      q: { atlasUserId?: number; markerPrefix?: string; ids?: number[] },
      page: { pageNum?: number; pageSize?: number } = {},
    ): Promise<AtlasPage<AtlasWorkOrder>> {
      const anyOf = [
        ...(q.ids?.length ? [{ field: 'id', operation: 'in' as const, value: '', values: q.ids }] : []),
        ...(q.atlasUserId !== undefined
          ? [
              { field: 'createdBy', operation: 'eq' as const, value: q.atlasUserId },
              { field: 'primaryUser', operation: 'eq' as const, value: q.atlasUserId },
            ]
          : []),
        ...(q.markerPrefix ? [{ field: 'description', operation: 'cn' as const, value: q.markerPrefix.startsWith(WORK_ORDER_MARKER_PREFIX) ? q.markerPrefix : `${WORK_ORDER_MARKER_PREFIX}${q.markerPrefix}` }] : []),
      ];
      if (anyOf.length === 0) return { content: [], totalElements: 0, totalPages: 0, number: page.pageNum ?? 0, size: page.pageSize ?? 20, last: true };
      const c = criteria().anyOf(anyOf).sortBy('updatedAt', 'DESC').paging(page.pageNum ?? 0, page.pageSize ?? 20).build();
      return searchWorkOrders(c);
    },

    async workOrdersUpdatedSince(since: Date, page: { pageNum?: number; pageSize?: number } = {}): Promise<AtlasPage<AtlasWorkOrder>> {
      const c = criteria().onOrAfter('updatedAt', since).sortBy('updatedAt', 'ASC').paging(page.pageNum ?? 0, page.pageSize ?? 100).build();
      return searchWorkOrders(c);
    },

    async openWorkOrdersOfAsset(assetId: number, pageSize = 50): Promise<AtlasPage<AtlasWorkOrder>> {
      return searchWorkOrders(criteria().eq('archived', false).statusIn(ACTIVE).idIn('asset', [assetId]).sortBy('createdAt', 'DESC').paging(0, pageSize).build());
    },

    /** §3.5: feedback is stored on every call (omitting it clears it); a missing id is a 500 "No value present", reported as 404. */
    async changeStatus(id: number, status: WorkOrderStatus, feedback?: string | null, opts: { retry?: false } = {}): Promise<AtlasWorkOrder> {
      const path = `/work-orders/${id}/change-status`;
      try {
        return await transport.call({ method: 'PATCH', path, body: { status, feedback: feedback ?? null, signature: null }, auth: true, idempotent: true, ...opts }, workOrderSchema);
      } catch (e) {
        if (e instanceof AtlasApiError && e.status === 500 && /no value present/i.test(e.atlasMessage ?? '')) {
          throw new AtlasApiError({ status: 404, atlasMessage: `Work Order not found (Atlas: ${e.atlasMessage})`, method: 'PATCH', path });
        }
        throw e;
      }
    },

    /**
     * §3.5: PATCH replaces the whole record, so: GET, hand the complete patch to `change`, PATCH all of it.
     * Text fields the change left alone are sent back exactly as Atlas stored them (still HTML-escaped), so a
     * round trip never alters them.
     */
    async updateWorkOrder(id: number, change: (current: WorkOrderPatch) => WorkOrderPatch): Promise<AtlasWorkOrder> {
      const raw = await transport.call({ method: 'GET', path: `/work-orders/${id}`, auth: true, idempotent: true }, z.record(z.string(), z.unknown()));
      const parsed = workOrderSchema.safeParse(raw);
      if (!parsed.success) {
        throw new AtlasResponseError({ status: 200, detail: parsed.error.issues[0]?.message ?? 'invalid work order', method: 'GET', path: `/work-orders/${id}` });
      }
      const current = toWorkOrderPatch(parsed.data);
      const next = change(structuredClone(current));
      const keepRaw = (field: 'title' | 'description') => {
        const stored = raw[field];
        return typeof stored === 'string' && next[field] === unescapeHtml(stored) ? stored : next[field];
      };
      const body = { ...next, title: keepRaw('title'), description: keepRaw('description') };
      return transport.call({ method: 'PATCH', path: `/work-orders/${id}`, body, auth: true, idempotent: true }, workOrderSchema);
    },
  };
}

export type WorkOrderCalls = ReturnType<typeof createWorkOrderCalls>;
