import { createHash, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { BadRequestError, HttpError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { jsonBody, parseWith, query } from '../validation.js';
import { PRIORITIES } from '../../core/model.js';
import { AtlasApiError, markerFor, markersIn, stripMarkers, type AtlasClient, type AtlasWorkOrder } from '../../integrations/atlas/index.js';
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

/** A work order as the API shows it: without Rivet's idempotency marker in the description. */
const shown = (wo: AtlasWorkOrder): AtlasWorkOrder => ({ ...wo, description: stripMarkers(wo.description) });

/** The same request body gives the same fingerprint (key order and defaults do not matter). */
function fingerprint(b: z.infer<typeof createBody>): string {
  const canonical = JSON.stringify([b.title, b.description ?? null, b.priority ?? 'MEDIUM', b.assetId ?? null, b.requesterId ?? null]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

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
      return c.json(page.content.map(shown));
    })
    .get('/work-orders/:id', async (c) => {
      const workOrderId = parseWith(id, c.req.param('id'));
      return c.json(shown(await atlas().getWorkOrder(workOrderId)));
    })
    .post('/work-orders', async (c) => {
      // Everything is validated (and the text sanitized, by jsonBody) before Atlas is called:
      // nothing is created there that could not then be recorded here.
      const body = await jsonBody(c, createBody);
      const client = atlas();
      const idempotencyHeader = c.req.header('idempotency-key');
      if (idempotencyHeader !== undefined && !/^[\w.:-]{1,100}$/.test(idempotencyHeader)) {
        throw new BadRequestError('Idempotency-Key: 1–100 characters of A-Z, a-z, 0-9, _ . : -');
      }
      if (body.requesterId) {
        const user = await deps.repos.users.get(body.requesterId);
        if (!user || user.organizationId !== deps.organizationId) throw new NotFoundError('requesterId: no such Rivet user');
      }
      if (body.assetId !== undefined) await assetMustExist(client, body.assetId);
      // The key carries the body's fingerprint: a retry of the same request finds its work order
      // by the marker; the same key with another body is refused instead of answered with the first.
      const fp = fingerprint(body);
      if (idempotencyHeader !== undefined) await keyNotUsedForAnotherBody(client, `api:${idempotencyHeader}:`, fp);
      const idempotencyKey = `api:${idempotencyHeader ?? randomUUID()}:${fp}`;
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
      return c.json(shown(workOrder), 200);
    });
}

/** 400 naming the field when Atlas has no such asset (instead of Atlas's own error text on create). */
async function assetMustExist(client: AtlasClient, assetId: number): Promise<void> {
  try {
    await client.getAsset(assetId);
  } catch (err) {
    if (err instanceof AtlasApiError && (err.status === 404 || err.status === 400)) {
      throw new BadRequestError('assetId: no such asset in Atlas', { fields: [{ field: 'assetId', message: 'no such asset in Atlas' }] });
    }
    throw err;
  }
}

/** 422 when a work order was already filed under this Idempotency-Key for a different body. */
async function keyNotUsedForAnotherBody(client: AtlasClient, keyPrefix: string, fp: string): Promise<void> {
  const prefix = markerFor(keyPrefix);
  const mine = markerFor(`${keyPrefix}${fp}`);
  const page = await client.workOrdersOfRequester({ markerPrefix: prefix }, { pageSize: 20 });
  // Exactly this key and some other fingerprint (a key that merely starts the same is another key).
  const sameKey = (m: string) => m.startsWith(prefix) && /^[0-9a-f]{16}$/.test(m.slice(prefix.length));
  const other = page.content.some((wo) => markersIn(wo.description).some((m) => sameKey(m) && m !== mine));
  if (other) throw new HttpError(422, 'idempotency_key_reused', 'Idempotency-Key was already used with a different body');
}
