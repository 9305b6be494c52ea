/**
 * The vocabulary of supervisor oversight: threads in the oversight channel (one per question for a
 * person, one per work order filed from chat), what their first message shows, and the changes a
 * supervisor can make. Platform-free: Slack is where it is shown today (src/bots/slack).
 */
import type { Priority, WorkOrderStatus } from '../model.js';
import type { ChatAddress, InlineButton } from '../ports.js';

export type ThreadKind = 'question' | 'work_order';
/** Why a thread exists: a question for a person, the machine of a report, a message the bot did not get, a job's decision, a work order. */
export type ThreadTopic = 'question' | 'which_asset' | 'not_understood' | 'decision' | 'work_order';

/** What the thread's first message shows; kept with the thread so it can be shown again as it changes. */
export interface ThreadCard {
  /** The technician's name. */
  requester: string;
  /** Where the technician talks to Rivet ("Telegram"), to say where answers go. */
  platform?: string;
  question?: string;
  /** The words that named no machine ("the pump by the door"). */
  mention?: string | null;
  /** Machines the technician was offered and refused. */
  candidates?: { id: number; label: string }[];
  /** A parked job's answers, as buttons carrying the question's data. */
  choices?: InlineButton[];
  /** The conversation before the question, oldest first ("Ana: …", "Rivet: …"). */
  history?: string[];
  /** The technician's open work orders ("WO000042 Leak – In progress"). */
  openWorkOrders?: string[];
  workOrder?: CardWorkOrder;
  /** State shown under the card. */
  takenOverBy?: string | null;
  picked?: string | null;
  resolved?: string | null;
  escalated?: boolean;
}

export interface CardWorkOrder {
  id: number;
  customId: string;
  title: string;
  description: string | null;
  asset: string | null;
  priority: Priority;
  status: WorkOrderStatus;
  assignees: string[];
  url: string | null;
}

export interface OversightThread {
  id: string;
  organizationId: string;
  kind: ThreadKind;
  topic: ThreadTopic;
  /** The technician the thread is about (null for a job's question without a person). */
  personId: string | null;
  conversationId: string | null;
  /** Where a supervisor's answer goes: the technician's chat, and only it. */
  techChat: ChatAddress | null;
  workOrderId: number | null;
  questionId: string | null;
  /** The oversight channel it lives in. */
  channelId: string;
  /** The platform's id of its first message, once posted (Slack ts). */
  rootMessageId: string | null;
  card: ThreadCard;
  /** The report waiting for its machine ("None of these"). */
  report: unknown | null;
  priority: Priority | null;
  /** The supervisor (person id) who took the technician's conversation over. */
  takenOverBy: string | null;
  /** When a supervisor last replied or acted in it. */
  touchedAt: Date | null;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  /** Bumped by every change of the card. */
  revision: number;
  createdAt: Date;
  /** The cause that opened it (see NewThread), when the store keeps it. */
  openedBy?: string;
}

export type NewThread = Omit<OversightThread, 'id' | 'rootMessageId' | 'takenOverBy' | 'touchedAt' | 'escalatedAt' | 'resolvedAt' | 'revision' | 'createdAt'> & {
  /** The cause that opens it; opening twice with the same key returns the first. */
  openedBy: string;
};

export interface ThreadChange {
  /** Merged into the card (top-level fields replaced). */
  card?: Partial<ThreadCard>;
  priority?: Priority | null;
  touchedAt?: Date;
  resolvedAt?: Date | null;
}

/** A supervisor as oversight knows them: their Rivet person and their account on the oversight platform. */
export interface Supervisor {
  personId: string;
  name: string;
  /** Their user id on the oversight platform (for notes only they see). */
  externalId: string;
}

/** A change a supervisor asked for in Atlas; run as a durable job (edits.ts). */
export interface WorkOrderEdit {
  /** Derived from the supervisor's action; keys everything the edit sends. */
  key: string;
  organizationId: string;
  threadId: string;
  workOrderId: number;
  by: { personId: string; name: string };
  change: { kind: 'priority'; priority: Priority } | { kind: 'assign'; userId: number } | { kind: 'complete' };
}
