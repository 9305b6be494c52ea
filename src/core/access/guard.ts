/**
 * The access guard the conversation flow asks: it gathers what Rivet and Atlas know about a
 * work order (WorkOrderFacts), asks can(), bounds how fast one person may look work orders up,
 * and counts a person's reports this month for their plan.
 */
import type { WorkOrderSummary } from '../model.js';
import { monthStart } from '../plans/index.js';
import { can } from './can.js';
import type { AccessRecords, RateLimiter, RateRule } from './ports.js';
import { isAllowed, type Actor, type Decision, type WorkOrderFacts } from './types.js';

/** Work order lookups one person may make: 20 at once, then one every 30 seconds. */
export const DEFAULT_LOOKUP_RULE: RateRule = { limit: 20, perMs: 10 * 60_000 };

export type WorkOrderAction = 'view' | 'change_status' | 'comment';

export interface AccessGuard {
  /** can() on one work order, with the facts Rivet and Atlas have about it. */
  check(actor: Actor, action: WorkOrderAction, wo: WorkOrderSummary): Promise<Decision>;
  /** The work orders among `wos` the actor may see, in their order. */
  visible(actor: Actor, wos: WorkOrderSummary[]): Promise<WorkOrderSummary[]>;
  /** Takes one work-order lookup from the actor's allowance: 0 when allowed, else ms until the next. */
  throttle(actor: Actor, now: Date): Promise<number>;
  /** May the actor file a report now (their plan, and their reports this calendar month)? */
  mayFile(actor: Actor, now: Date): Promise<Decision>;
}

export interface AccessGuardDeps {
  organizationId: string;
  records: AccessRecords;
  limiter: RateLimiter;
  lookupRule?: RateRule;
  /** Work orders Rivet filed for the person since a date (work_order_links). */
  countFiled(personId: string, since: Date): Promise<number>;
}

const atlasIds = (wo: WorkOrderSummary): number[] => {
  const p = wo.people;
  return [...new Set([...(p.createdBy !== null ? [p.createdBy] : []), ...(p.primaryUserId !== null ? [p.primaryUserId] : []), ...p.assignedToIds, ...p.teamUserIds])];
};

export function createAccessGuard(deps: AccessGuardDeps): AccessGuard {
  const rule = deps.lookupRule ?? DEFAULT_LOOKUP_RULE;

  async function factsOf(wos: WorkOrderSummary[]): Promise<WorkOrderFacts[]> {
    const rivet = wos.length ? await deps.records.factsOf(deps.organizationId, wos.map((wo) => ({ id: wo.id, atlasUserIds: atlasIds(wo) }))) : new Map();
    return wos.map((wo) => {
      const r = rivet.get(wo.id);
      return { ...wo.people, requesterId: r?.requesterId ?? null, crews: r?.crews ?? [] };
    });
  }

  return {
    async check(actor, action, wo) {
      const [facts] = await factsOf([wo]);
      return can(actor, { type: action, workOrder: facts! });
    },
    async visible(actor, wos) {
      const facts = await factsOf(wos);
      return wos.filter((_, i) => isAllowed(can(actor, { type: 'view', workOrder: facts[i]! })));
    },
    async throttle(actor, now) {
      const r = await deps.limiter.take(`wo-lookup:${actor.id}`, rule, now);
      return r.allowed ? 0 : Math.max(1, r.retryAfterMs);
    },
    async mayFile(actor, now) {
      // A read-only plan says so without counting.
      const early = can(actor, { type: 'file', filedThisMonth: 0 });
      if (!isAllowed(early)) return early;
      return can(actor, { type: 'file', filedThisMonth: await deps.countFiled(actor.id, monthStart(now)) });
    },
  };
}
