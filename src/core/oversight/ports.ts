/**
 * What oversight needs from the world, as interfaces it owns: its threads (and where their first
 * message is), the people behind supervisors and technicians, the conversation so far, Atlas
 * (reads, and the writes supervisors ask for) and the durable job that makes those writes.
 * src/db/stores/oversight.ts and src/wiring/slack.ts implement them.
 */
import type { Lang } from '../texts/index.js';
import type { Channel, Priority, WorkOrderSummary } from '../model.js';
import type { PlatformIdentity } from '../conversation/stores.js';
import type { NewThread, OversightThread, Supervisor, ThreadChange, WorkOrderEdit } from './model.js';

export interface OversightThreads {
  /** The thread opened by `openedBy`, created the first time. */
  open(thread: NewThread): Promise<{ thread: OversightThread; created: boolean }>;
  get(id: string): Promise<OversightThread | null>;
  /** The thread whose first message is `rootMessageId` in `channelId`. */
  byRoot(channelId: string, rootMessageId: string): Promise<OversightThread | null>;
  ofWorkOrder(organizationId: string, workOrderId: number): Promise<OversightThread | null>;
  /** The thread in which a supervisor has taken this person's conversation over, if any. */
  takenOverOf(personId: string): Promise<OversightThread | null>;
  /** Unresolved question threads about this person, newest first. */
  openQuestionsOf(personId: string): Promise<OversightThread[]>;
  /** Threads opened from this conversation, newest first. */
  ofConversation(conversationId: string): Promise<OversightThread[]>;
  /** Unresolved "which machine?" threads of the organization, newest first. */
  openMachineQuestions(organizationId: string, limit: number): Promise<OversightThread[]>;
  /** Applies a change (a card change bumps the revision); the thread after it, or null when gone. */
  change(id: string, change: ThreadChange): Promise<OversightThread | null>;
  /**
   * Sets who has taken the conversation over (and the card's name for it), when it is still
   * `expected` (null: nobody); the thread after it, or null when someone else changed it first.
   */
  takeOver(id: string, by: { personId: string; name: string } | null, expected: string | null): Promise<OversightThread | null>;
  /** Unresolved HIGH threads whose first message is posted, opened before `before`, never touched nor escalated. */
  untouched(before: Date, limit: number): Promise<OversightThread[]>;
  /** Marks a thread escalated; true only for the call that did. */
  markEscalated(id: string, at: Date): Promise<boolean>;
}

/** Where threads' first messages are: read and recorded by the oversight platform's transport. */
export interface ThreadRoots {
  rootOf(threadId: string): Promise<{ chatId: string; messageId: string } | null>;
  /** Records the first message once (a later record of the same thread changes nothing). */
  rootPosted(threadId: string, at: { chatId: string; messageId: string }): Promise<void>;
}

export interface OversightPeople {
  /** The person behind a supervisor's account, recorded as a supervisor (created the first time). */
  enlist(organizationId: string, identity: PlatformIdentity): Promise<Supervisor>;
  /** Whether this account belongs to a person recorded as supervisor or admin (nobody is created). */
  isSupervisor(identity: PlatformIdentity): Promise<boolean>;
  name(personId: string): Promise<string | null>;
  /** The language the person is spoken to in (core/texts): a supervisor's words reach them in it. */
  language(personId: string): Promise<Lang>;
  /** Whose conversation it is, and the key it is kept under. */
  ofConversation(conversationId: string): Promise<{ personId: string | null; key: string } | null>;
  /** The person's account on a chat platform, to act on their conversation there. */
  identityOf(personId: string, channel: Channel): Promise<PlatformIdentity | null>;
}

export interface ConversationLines {
  /** A conversation's messages, oldest first: the last `limit`, from `since` on when given. */
  recent(conversationId: string, opts: { limit: number; since?: Date | null }): Promise<{ sender: 'technician' | 'bot' | 'supervisor' | 'system'; text: string }[]>;
}

/** Atlas as oversight uses it. The writes run inside the edit job only. */
export interface OversightAtlas {
  /** Open (not COMPLETE) work orders, newest first. */
  openWorkOrders(limit: number): Promise<WorkOrderSummary[]>;
  /** People work orders can be assigned to (cached). */
  assignableUsers(): Promise<{ id: number; name: string }[]>;
  /** The work order in Atlas's web app. */
  workOrderUrl(id: number): string | null;
  setPriority(workOrderId: number, priority: Priority): Promise<WorkOrderSummary>;
  assign(workOrderId: number, userId: number): Promise<WorkOrderSummary>;
  /** Completes it and records the status as known, so the status poll does not announce it again. */
  complete(workOrderId: number, note: string | null): Promise<WorkOrderSummary>;
}

/** Durable work: a supervisor's change to a work order runs as a job with retries. */
export interface OversightJobs {
  edit(edit: WorkOrderEdit): Promise<void>;
}
