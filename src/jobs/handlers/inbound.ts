/**
 * Verified, deduplicated webhook deliveries, processed off the request path: Telegram updates
 * go to the bot's processor, Atlas events become status notices.
 */
import type { Logger } from 'pino';
import type { InboundJob } from '../names.js';
import type { JobHandler } from '../runner.js';
import { applyStatus, statusFromAtlasEvent } from './atlas-status.js';
import type { HandlerDeps } from './deps.js';

export type InboundProcessor = (payload: unknown, ctx: { jobId: string; logger: Logger }) => Promise<void>;
export type InboundProcessors = Partial<Record<InboundJob['source'], InboundProcessor>>;

/** What the Atlas webhook route stores: the event name and the parsed body. */
export interface AtlasDelivery {
  event: string | null;
  body: unknown;
}

export function inboundHandler(deps: HandlerDeps & { processors: InboundProcessors }): JobHandler<InboundJob> {
  return {
    async run(job, ctx) {
      if (job.source === 'atlas') {
        await handleAtlasEvent(deps, job.payload as AtlasDelivery, ctx.logger);
        return;
      }
      const processor = deps.processors[job.source];
      if (!processor) {
        ctx.logger.warn({ source: job.source }, 'no processor for this source; delivery dropped');
        return;
      }
      await processor(job.payload, { jobId: ctx.jobId, logger: ctx.logger });
    },
  };
}

async function handleAtlasEvent(deps: HandlerDeps, delivery: AtlasDelivery, logger: Logger): Promise<void> {
  const seen = statusFromAtlasEvent(delivery.body);
  if (!seen) {
    logger.debug({ event: delivery.event }, 'atlas event without a work order; ignored');
    return;
  }
  let { status, customId, at } = seen;
  if (!status || !at) {
    // e.g. NEW_WORK_ORDER with serialize off: ask Atlas, if we know this work order at all.
    const link = await deps.repos.workOrderLinks.byAtlasId(deps.organizationId, seen.workOrderId);
    if (!link || !deps.atlas) return;
    const wo = await deps.atlas.getWorkOrder(seen.workOrderId);
    status = wo.status;
    customId = wo.customId;
    at = wo.updatedAt;
  }
  await applyStatus({ ...deps, logger }, { workOrderId: seen.workOrderId, status, customId, at });
}
