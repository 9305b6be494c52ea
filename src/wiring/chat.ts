/**
 * The chat part: one chat engine for every platform adapter (Telegram today; Slack and the
 * browser demo next), over the PostgreSQL stores, the job pipeline's dispatcher and questions,
 * Atlas's read side and the shared asset index.
 */
import type { Logger } from 'pino';
import { createChatEngine, createUnderstanding, type ChatEngine } from '../core/conversation/index.js';
import type { Clock, Oversight } from '../core/ports.js';
import { createChatStores } from '../db/stores/index.js';
import type { JobSystem } from '../jobs/index.js';
import type { AtlasPart } from './atlas.js';
import type { DatabasePart } from './database.js';

export function wireChat(deps: { data: DatabasePart; atlas: AtlasPart; jobs: JobSystem; oversight: Oversight; logger: Logger; clock: Clock }): ChatEngine {
  return createChatEngine({
    organizationId: deps.data.organization.id,
    ...createChatStores(deps.data.database.db),
    dispatcher: deps.jobs.dispatcher,
    questions: deps.jobs.questions,
    oversight: deps.oversight,
    reader: deps.atlas.reader,
    assets: deps.atlas.assets,
    understanding: createUnderstanding(deps.atlas.assets, deps.atlas.lookup ?? undefined),
    clock: deps.clock,
    logger: deps.logger.child({ component: 'chat' }),
  });
}
