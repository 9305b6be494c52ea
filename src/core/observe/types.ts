/**
 * What Rivet observes about its own decisions, as plain data: how it understood a message, how a
 * "which machine?" went, when it handed a person over to a supervisor, and what people did with
 * its proposals (confirmed, picked another machine, changed the priority, cancelled). The flow
 * returns observations with its outcome; the engine passes them on once the outcome is kept
 * (engine.ts, turn.ts), so a step decided twice (a concurrent change) is counted once. Pure types.
 */
import type { Intent, Priority, WorkOrderStatus } from '../model.js';

/** How the asset of a report was settled. */
export type DisambiguationOutcome =
  /** One asset matched well enough to take it without asking. */
  | 'resolved'
  /** "Which one?" with buttons. */
  | 'asked'
  /** Nothing matched: the person was asked to name it. */
  | 'not_found'
  /** Asked once already and still nothing: filed without a machine. */
  | 'unresolved'
  /** The person picked the first of the offered machines… */
  | 'picked_first'
  /** …or another one. */
  | 'picked_other'
  /** "None of these" / "I don't know". */
  | 'none_of_these';

/** What Rivet made of one message, carried with a report (Draft.said) so people's corrections can be set beside it. */
export interface Said {
  /** The inbound event the message came in (its trace and its stored message are found by it). */
  eventKey: string;
  /** The words, as interpreted. */
  text: string;
  intent: Intent;
  confidence: number;
  priority: Priority | null;
  workOrderNumber: number | null;
  status: WorkOrderStatus | null;
  /** The words that named a machine, if any. */
  mention: string | null;
  decision: 'resolved' | 'ambiguous' | 'not_found' | null;
  /** The machines considered, best first (at most five). */
  candidates: { id: number; name: string; score: number }[];
}

/** What a person decided instead of (or in agreement with) what Rivet proposed. */
export interface Corrected {
  intent?: Intent;
  priority?: Priority;
  assetId?: number | null;
  assetLabel?: string | null;
  /** A supervisor's answer to a question Rivet could not answer. */
  answer?: string;
  cancelled?: boolean;
}

export const FEEDBACK_KINDS = [
  /** The technician tapped Create on the card: the report as Rivet put it together (score 1). */
  'report_confirmed',
  /** The technician picked a machine from "which one?" (1: the first offered, 0: another). */
  'asset_choice',
  /** "None of these" (0). */
  'asset_none',
  /** Cancel on the confirmation card (0). */
  'report_cancelled',
  /** The technician filed it with another priority than Rivet's (0). */
  'priority_changed',
  /** A supervisor changed the priority of a work order Rivet filed (0). */
  'supervisor_priority',
  /** A supervisor chose the machine of a handed-over report (1: Rivet's first candidate, 0: another). */
  'supervisor_asset',
  /** A supervisor answered a question Rivet handed over (0 when Rivet had not understood it, 1 when it rightly asked). */
  'supervisor_answer',
] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** One human judgement on what Rivet understood: kept in Rivet's records, and sent as feedback on the trace. */
export interface HumanFeedback {
  /** Stable per cause: the same key twice is one record. */
  key: string;
  kind: FeedbackKind;
  source: 'technician' | 'supervisor';
  organizationId: string;
  /** Who gave it (a Rivet person). */
  personId: string | null;
  /** The message Rivet's understanding was about (its event key), or the work order it filed. */
  about: { eventKey: string } | { workOrderId: number };
  /** 1: Rivet was right; 0: the person corrected it; null: no verdict. */
  score: 0 | 1 | null;
  /** What Rivet had made of it, as far as the caller knows (the store completes it from its records). */
  said: Said | null;
  corrected: Corrected;
  /** The key of the work order command a confirmation filed (work_order_links.idempotency_key). */
  filingKey?: string | null;
}

export type Observation =
  /** One inbound event reached the chat engine. */
  | { type: 'inbound'; event: string; origin: 'person' | 'supervisor' }
  | { type: 'understood'; intent: Intent; confidence: number }
  | { type: 'disambiguation'; outcome: DisambiguationOutcome; mention: string | null; candidates: { id: number; score?: number }[] }
  | { type: 'handover'; topic: 'question' | 'not_understood' | 'which_asset'; delivered: boolean }
  /** The flow does not know the organization: the engine adds it. */
  | { type: 'feedback'; feedback: Omit<HumanFeedback, 'organizationId'> };
