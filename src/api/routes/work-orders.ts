import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { BadRequestError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { jsonBody, parseWith, query } from '../validation.js';
import { PRIORITIES } from '../../core/model.js';
import type { AtlasClient } from '../../integrations/atlas/index.js';
import type { Repositories } from '../../db/repositories/index.js';

const id = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a positive whole number')
  .transform(Number);

const createBody = z.object({
  title: z.string().trim().min(1, 'is required').max(300, 'is longer than 300 characters'),
  description: z.string().max(9_000, 'is longer than 9000 characters').optional(),
  priority: z.enum(PRIORITIES).optional(),
  assetId: z.number().int().positive().optional(),
  requesterId: z.uuid('must be a Rivet user id (uuid)').optional(),
});

export interface WorkOrderRouteDeps {
  atlas: AtlasClient | null;
  repos: Repositories;
  organizationId: string;
}

/** The original design's work-order endpoints, straight to Atlas (admin use). */
export function workOrderRoutes(deps: WorkOrderRouteDeps): Hono<AppEnv> {
  const atlas = () => {
    if (!deps.atlas) throw new ServiceUnavailableError('atlas_disabled', 'Atlas is not configured: set ATLAS_URL and its credentials');
    return deps.atlas;
  };

  return new Hono<AppEnv>()
    .get('/work-orders', async (c) => {
      const { requester } = query(c, z.object({ requester: z.uuid('must be a Rivet user id (uuid)') }));
      const links = await deps.repos.workOrderLinks.forRequester(requester, 50);
      if (links.length === 0) return c.json([]);
      const page = await atlas().workOrdersOfRequester({ ids: links.map((l) => l.atlasWorkOrderId) }, { pageSize: 50 });
      return c.json(page.content);
    })
    .get('/work-orders/:id', async (c) => {
      const workOrderId = parseWith(id, c.req.param('id'));
      return c.json(await atlas().getWorkOrder(workOrderId));
    })
    .post('/work-orders', async (c) => {
      const body = await jsonBody(c, createBody);
      const client = atlas();
      if (body.requesterId) {
        const user = await deps.repos.users.get(body.requesterId);
        if (!user || user.organizationId !== deps.organizationId) throw new NotFoundError('requesterId: no such Rivet user');
      }
      const idempotencyHeader = c.req.header('idempotency-key');
      if (idempotencyHeader !== undefined && !/^[\w.:-]{1,100}$/.test(idempotencyHeader)) {
        throw new BadRequestError('Idempotency-Key: 1–100 characters of A-Z, a-z, 0-9, _ . : -');
      }
      const idempotencyKey = `api:${idempotencyHeader ?? randomUUID()}`;
      const workOrder = await client.createWorkOrder(
        {
          title: body.title,
          description: body.description ?? null,
          priority: body.priority ?? 'MEDIUM',
          assetId: body.assetId ?? null,
        },
        { idempotencyKey },
      );
      await deps.repos.workOrderLinks.record({
        organizationId: deps.organizationId,
        atlasWorkOrderId: workOrder.id,
        atlasCustomId: workOrder.customId,
        idempotencyKey,
        requesterId: body.requesterId ?? null,
        title: workOrder.title,
        assetId: body.assetId ?? null,
        priority: workOrder.priority,
        lastKnownStatus: workOrder.status,
        lastStatusAt: new Date(),
      });
      return c.json(workOrder, 200);
    });
}
