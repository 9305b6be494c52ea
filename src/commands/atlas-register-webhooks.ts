/**
 * `rivet atlas:register-webhooks`: registers PUBLIC_URL/webhooks/atlas for WORK_ORDER_STATUS_CHANGE
 * where Atlas allows it (licensed instances). Atlas chooses each endpoint's signing secret, so
 * the command prints it for ATLAS_WEBHOOK_SECRET; run again, it recognises its own endpoint.
 * On unlicensed instances it says so: Rivet polls for status changes there instead.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { AtlasLicenseError, createAtlasClient, type AtlasClient } from '../integrations/atlas/index.js';

export const ATLAS_STATUS_EVENT = 'WORK_ORDER_STATUS_CHANGE';

export type RegisterOutcome =
  | { kind: 'registered'; endpointId: number; secret: string }
  | { kind: 'already_registered'; endpointId: number; secretMatches: boolean; secret: string | null }
  | { kind: 'unlicensed' };

export async function registerAtlasWebhooks(deps: { atlas: AtlasClient; publicUrl: string; currentSecret: string | null }): Promise<RegisterOutcome> {
  const url = `${deps.publicUrl.replace(/\/+$/, '')}/webhooks/atlas`;
  try {
    const existing = (await deps.atlas.listWebhooks()).find((w) => w.url === url && w.event === ATLAS_STATUS_EVENT);
    if (existing) {
      const secrets = (deps.currentSecret ?? '').split(',').map((s) => s.trim());
      return { kind: 'already_registered', endpointId: existing.id, secretMatches: !!existing.secret && secrets.includes(existing.secret), secret: existing.secret ?? null };
    }
    const created = await deps.atlas.registerWebhook({ url, event: ATLAS_STATUS_EVENT });
    return { kind: 'registered', endpointId: created.id, secret: created.secret ?? '' };
  } catch (e) {
    if (e instanceof AtlasLicenseError && (e.kind === 'webhooks' || e.kind === 'other')) return { kind: 'unlicensed' };
    throw e;
  }
}

export async function atlasRegisterWebhooksCommand(deps: { config: Config; logger: Logger; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; atlas?: AtlasClient }): Promise<number> {
  const { config } = deps;
  if (!config.atlas) {
    deps.stderr.write('rivet atlas:register-webhooks: Atlas is not configured (ATLAS_URL and ATLAS_EMAIL/ATLAS_PASSWORD or ATLAS_API_KEY)\n');
    return 78;
  }
  if (!config.publicUrl) {
    deps.stderr.write('rivet atlas:register-webhooks: set PUBLIC_URL so Atlas knows where to send status changes\n');
    return 78;
  }
  const atlas = deps.atlas ?? createAtlasClient({ baseUrl: config.atlas.url, auth: config.atlas.auth, logger: deps.logger });
  const outcome = await registerAtlasWebhooks({ atlas, publicUrl: config.publicUrl, currentSecret: config.atlas.webhookSecret });
  const pollS = Math.round(config.atlas.pollIntervalMs / 1000);
  switch (outcome.kind) {
    case 'unlicensed':
      deps.stdout.write(`This Atlas instance is not licensed for webhooks. Rivet polls it for status changes every ${pollS} s instead (ATLAS_POLL_INTERVAL_S); nothing to register.\n`);
      return 0;
    case 'registered':
      deps.stdout.write(`Registered ${config.publicUrl}/webhooks/atlas for ${ATLAS_STATUS_EVENT} (endpoint ${outcome.endpointId}).\nSet ATLAS_WEBHOOK_SECRET=${outcome.secret} and restart Rivet; until then it keeps polling.\n`);
      return 0;
    case 'already_registered':
      if (outcome.secretMatches) {
        deps.stdout.write(`Already registered (endpoint ${outcome.endpointId}) and ATLAS_WEBHOOK_SECRET matches.\n`);
      } else {
        deps.stdout.write(`Already registered (endpoint ${outcome.endpointId}), but ATLAS_WEBHOOK_SECRET does not match it.\nSet ATLAS_WEBHOOK_SECRET=${outcome.secret ?? '<see the endpoint in Atlas>'} and restart Rivet.\n`);
      }
      return 0;
  }
}
