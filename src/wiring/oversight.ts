/**
 * What supervisor oversight needs from storage, Atlas and the job pipeline, whichever surface it
 * shows on (Slack threads, the demo's supervisor pane): the part of OversightDeps every surface
 * wires the same way. Each surface adds its channel, thread store, edit job and escalation.
 */
import type { Config } from '../config/config.js';
import { createAssetLookup } from '../core/asset-lookup.js';
import type { ChatEngine } from '../core/conversation/index.js';
import type { OversightDeps } from '../core/oversight/index.js';
import type { Db } from '../db/client.js';
import { createWorkOrderStatusRepository } from '../db/repositories/work-order-status.js';
import { createConversationLines, createOversightPeople } from '../db/stores/oversight.js';
import { createFiledWorkOrders } from '../db/stores/records.js';
import { createOversightAtlas } from '../integrations/atlas/oversight.js';
import type { JobSystem } from '../jobs/index.js';
import type { AtlasPart } from './atlas.js';
import type { DatabasePart } from './database.js';

export function sharedOversightDeps(deps: { config: Config; data: DatabasePart; engine: ChatEngine; jobs: JobSystem; atlas: AtlasPart }) {
  const db: Db = deps.data.database.db;
  const organizationId = deps.data.organization.id;
  const statusRepo = createWorkOrderStatusRepository(db);
  const { atlas, jobs } = deps;
  return {
    organizationId,
    people: createOversightPeople(db),
    lines: createConversationLines(db),
    dispatcher: jobs.dispatcher,
    atlas: atlas.client
      ? createOversightAtlas(atlas.client, {
          webUrl: deps.config.atlas?.webUrl ?? null,
          // A status Rivet saw while editing is recorded, so the requester is told once.
          async statusKnown(wo) {
            const link = await deps.data.repos.workOrderLinks.byAtlasId(organizationId, wo.id);
            if (link) await statusRepo.advance(link.id, wo.status, wo.updatedAt);
          },
        })
      : null,
    reader: atlas.reader,
    filed: createFiledWorkOrders(db),
    questions: jobs.questions,
    assets: atlas.assets,
    lookup: atlas.lookup ?? createAssetLookup(atlas.assets),
    engine: deps.engine,
  } satisfies Partial<OversightDeps>;
}
