/**
 * can(): the one rule book for every chat action. A person may see and act on the work orders
 * they requested (through Rivet, or created in Atlas with their own account) or are assigned to
 * (primary user, assignees, the team), and on those of their crew; supervisors and admins on all.
 * Everything else is "not found", worded exactly like a number that does not exist. Their plan
 * then decides whether they may write at all, and how many reports a month.
 */
import { planOf } from '../plans/index.js';
import { ALLOWED, type Action, type Actor, type Decision, type WorkOrderFacts } from './types.js';

const NOT_FOUND: Decision = { denied: { reason: 'not_found' } };
const READ_ONLY: Decision = { denied: { reason: 'read_only' } };

export const isSupervisor = (who: Pick<Actor, 'role'>): boolean => who.role === 'supervisor' || who.role === 'admin';

/** Crew names as administrators type them: "Boiler crew" and "boiler crew " are one crew. */
export const crewKey = (crew: string): string => crew.trim().replace(/\s+/g, ' ').toLowerCase();

export function can(who: Actor, action: Action): Decision {
  if (who.disabled) return { denied: { reason: 'disabled' } };
  const plan = planOf(who.tier);
  switch (action.type) {
    case 'view':
      return isTheirs(who, action.workOrder) ? ALLOWED : NOT_FOUND;
    case 'change_status':
    case 'comment':
      // Ownership first: a read-only plan must not tell someone else's work order from a missing one.
      if (!isTheirs(who, action.workOrder)) return NOT_FOUND;
      return plan.canWrite ? ALLOWED : READ_ONLY;
    case 'file': {
      if (!plan.canWrite) return READ_ONLY;
      const limit = plan.reportsPerMonth;
      if (limit !== null && action.filedThisMonth >= limit) return { denied: { reason: 'quota', limit, used: action.filedThisMonth } };
      return ALLOWED;
    }
    case 'answer': {
      const q = action.question;
      if (q.audience === 'supervisor') return isSupervisor(who) ? ALLOWED : { denied: { reason: 'not_asked', audience: 'supervisor' } };
      return q.askedPersonId === null || q.askedPersonId === who.id ? ALLOWED : { denied: { reason: 'not_asked', audience: 'technician' } };
    }
  }
}

/** Theirs: supervisors' and admins' always; a technician's when they requested it, are on it, or it is their crew's. */
function isTheirs(who: Actor, wo: WorkOrderFacts): boolean {
  if (isSupervisor(who)) return true;
  if (wo.requesterId !== null && wo.requesterId === who.id) return true;
  const me = who.atlasUserId;
  if (me !== null && (wo.createdBy === me || wo.primaryUserId === me || wo.assignedToIds.includes(me) || wo.teamUserIds.includes(me))) {
    return true;
  }
  if (who.crews.length === 0 || wo.crews.length === 0) return false;
  const theirs = new Set(wo.crews.map(crewKey));
  return who.crews.some((c) => theirs.has(crewKey(c)));
}
