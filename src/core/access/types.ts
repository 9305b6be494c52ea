/**
 * The vocabulary of "who may do what": a person as access decisions see them (Actor), what
 * Rivet knows about whom a work order belongs to (WorkOrderFacts), the actions a chat can ask
 * for, and the answer (allowed, or denied with a reason). Pure types.
 */
import type { Role, Tier } from '../model.js';

export type { Role };

/** A person as access decisions see them (their rivet_users row, and the chat they write in). */
export interface Actor {
  id: string;
  role: Role;
  tier: Tier;
  /**
   * Crews whose work orders they may see and act on here: their own (rivet_users.crew), and in a
   * group chat the crew the group stands for (allowed_chats.crew).
   */
  crews: string[];
  /** Their Atlas account, when they have one (provisioned): Atlas's createdBy/assignees are matched on it. */
  atlasUserId: number | null;
  disabled: boolean;
}

/** What Rivet knows about whom one work order belongs to: Rivet's own record and what Atlas says. */
export interface WorkOrderFacts {
  /** The Rivet person who asked for it through Rivet (work_order_links.requester_id). */
  requesterId: string | null;
  /** Atlas user ids: its creator, primary user, assignees and team members. */
  createdBy: number | null;
  primaryUserId: number | null;
  assignedToIds: number[];
  teamUserIds: number[];
  /** Crews of the Rivet people on it: the requester, and the people whose Atlas account is assigned. */
  crews: string[];
}

/** A question a parked job asked (pending_questions): whom it was for. */
export interface QuestionFacts {
  audience: 'technician' | 'supervisor';
  /** The person it was asked of; null for questions asked before this was recorded. */
  askedPersonId: string | null;
}

export type Action =
  | { type: 'view'; workOrder: WorkOrderFacts }
  | { type: 'change_status'; workOrder: WorkOrderFacts }
  | { type: 'comment'; workOrder: WorkOrderFacts }
  /** File a new report; `filedThisMonth` is counted from Rivet's records. */
  | { type: 'file'; filedThisMonth: number }
  /** Answer a parked job's question (a `q:` button). */
  | { type: 'answer'; question: QuestionFacts };

export type Denial =
  /** Not theirs. Said exactly like a work order that does not exist, so numbers cannot be probed. */
  | { reason: 'not_found' }
  | { reason: 'disabled' }
  /** Their plan lets them read, not file or change (lapsed). */
  | { reason: 'read_only' }
  /** Their plan's reports for this month are used up. */
  | { reason: 'quota'; limit: number; used: number }
  /** A question asked of someone else (or of supervisors). */
  | { reason: 'not_asked'; audience: 'technician' | 'supervisor' };

export const ALLOWED = 'allowed' as const;
export type Decision = typeof ALLOWED | { denied: Denial };

export const isAllowed = (d: Decision): d is typeof ALLOWED => d === ALLOWED;
