/**
 * The chat part: one chat engine for every platform adapter (Telegram today; Slack and the
 * browser demo next), over the PostgreSQL stores, the job pipeline's dispatcher and questions,
 * Atlas's read side and the shared asset index, with who may do what (sign-up mode, allowed
 * groups, the lookup allowance) from the configuration.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { createChatEngine, createUnderstanding, warmUnderstanding, type ChatEngine } from '../core/conversation/index.js';
import { createAssetLookup } from '../core/asset-lookup.js';
import type { Clock, Oversight } from '../core/ports.js';
import { createAccessRecords, createAllowedChats, createChatStores, createNoticeLog, createRateLimiter } from '../db/stores/index.js';
import type { JobSystem } from '../jobs/index.js';
import type { AtlasPart } from './atlas.js';
import type { DatabasePart } from './database.js';
import type { ObservabilityPart } from './observability.js';
import { createLlmSecondOpinion } from '../integrations/llm/index.js';

/** A language model's reading of unsure messages, when RIVET_LLM_URL is set; traced like the rest. */
function secondOpinion(deps: { config: Config; logger: Logger; observability?: ObservabilityPart }) {
  const llm = deps.config.llm;
  if (!llm) return null;
  return createLlmSecondOpinion({
    ...llm,
    logger: deps.logger.child({ component: 'llm' }),
    ...(deps.observability ? { tracing: deps.observability.tracing } : {}),
  });
}

export function wireChat(deps: { config: Config; data: DatabasePart; atlas: AtlasPart; jobs: JobSystem; oversight: Oversight; logger: Logger; clock: Clock; observability?: ObservabilityPart }): ChatEngine {
  const db = deps.data.database.db;
  const organizationId = deps.data.organization.id;
  const lookup = deps.atlas.lookup ?? createAssetLookup(deps.atlas.assets);
  warmUnderstanding(lookup);
  return createChatEngine({
    organizationId,
    ...createChatStores(db, { dataDir: deps.config.dataDir }),
    fileQuotaBytes: deps.config.files.quotaBytes,
    dispatcher: deps.jobs.dispatcher,
    questions: deps.jobs.questions,
    oversight: deps.oversight,
    reader: deps.atlas.reader,
    assets: deps.atlas.assets,
    understanding: createUnderstanding(deps.atlas.assets, lookup, { secondOpinion: secondOpinion(deps) }),
    clock: deps.clock,
    supervisorContact: deps.config.supervisorContact,
    logger: deps.logger.child({ component: 'chat' }),
    signup: { mode: deps.config.access.signup, allowlist: deps.config.access.allowlist },
    allowedChats: createAllowedChats(db, { telegram: deps.config.telegram?.allowedGroups ?? new Map() }),
    access: {
      records: createAccessRecords(db),
      limiter: createRateLimiter(db),
      notices: createNoticeLog(db, organizationId),
      lookupRule: deps.config.access.lookupRule,
    },
    ...(deps.observability ? { tracing: deps.observability.tracing, observer: deps.observability.observer } : {}),
  });
}
