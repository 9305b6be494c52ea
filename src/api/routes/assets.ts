import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { ServiceUnavailableError } from '../errors.js';
import { query } from '../validation.js';
import type { AssetLookup } from '../../core/asset-lookup.js';

const searchQuery = z.object({
  q: z.string().trim().min(1, 'is required').max(200, 'is too long'),
  limit: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? 5 : Number(v)))
    .pipe(z.number().int('must be a whole number').min(1).max(50)),
});

/** `GET /api/assets?q=pump&limit=5`: candidates for disambiguation, best first. */
export function assetRoutes(deps: { lookup: AssetLookup | null }): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/assets', (c) => {
    const { q, limit } = query(c, searchQuery);
    if (!deps.lookup) throw new ServiceUnavailableError('atlas_disabled', 'Atlas is not configured: set ATLAS_URL and its credentials');
    const results = deps.lookup.index().search(q, limit);
    return c.json(
      results.map(({ asset, score }) => ({
        id: asset.id,
        customId: asset.customId,
        name: asset.name,
        location: asset.location ? { id: asset.location.id, name: asset.location.name } : null,
        score: Math.round(score * 1000) / 1000,
      })),
    );
  });
}
