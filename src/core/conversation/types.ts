/**
 * The vocabulary of the chat flow: what is pending in a conversation (state), what the
 * flow is told (events), and what it decides (an outcome of replies, commands and state).
 * Platform-free: the Telegram bot turns outcomes into API calls and dispatcher jobs.
 */
import type { AssetRecord, Intent, Priority, Tier, WorkOrderStatus, WorkOrderSummary } from '../model.js';
import type { AttachmentRef, ChatAddress, InlineButton, SupervisorQuestion, WorkOrderReader } from '../ports.js';
import type { AccessGuard, Actor } from '../access/index.js';
import type { Observation, Said } from '../observe/types.js';

/** The parts of the understanding layer's Interpretation the flow uses (src/core/understanding). */
export interface FlowResolution {
  decision: 'resolved' | 'ambiguous' | 'not_found';
  candidates: { asset: AssetRecord; score: number }[];
}
export interface FlowInterpretation {
  intent: Intent;
  confidence: number;
  priority: Priority | null;
  workOrderNumber: number | null;
  status: WorkOrderStatus | null;
  asset: { mention: string; resolution: FlowResolution | null } | null;
  title: string | null;
  description: string;
  /** Other meanings, likeliest first, when the understanding layer gives them (core/conversation/clarify.ts). */
  alternatives?: Array<{ intent: Intent; confidence: number }>;
}
/** What a message Rivet could not place may mean: the buttons of the clarifying question. */
export type Meaning = 'status' | 'report' | 'mine' | 'human';
export interface FlowResolveContext {
  locationIds?: number[];
  recentAssetIds?: number[];
}

/** A work order as remembered in a pending step. */
export interface WoRef {
  id: number;
  customId: string;
  title: string;
}

/** A report being put together. */
export interface Draft {
  /** What the technician said, as said. */
  text: string;
  title: string;
  description: string;
  priority: Priority;
  assetId: number | null;
  assetLabel: string | null;
  locationId: number | null;
  /** The asset mention that could not be matched, to show the supervisor. */
  unresolvedMention: string | null;
  attachments: AttachmentRef[];
  /** The technician typed the title themselves (the Title button): Rivet no longer rewrites it. */
  titleEdited?: boolean;
  /** What Rivet made of the message that started it (core/observe): people's corrections are set beside it. */
  said?: Said | null;
}

interface Owned {
  /** The Rivet user whose flow this is; in a group, other people's taps are refused. */
  ownerId: string;
  ownerName: string;
  /**
   * Set once "still waiting for a tap" was said for this step: the version its buttons were shown
   * at (saving the reminder bumped the version; those buttons stay good).
   */
  remindedAt?: number;
}

export type FlowState =
  | (Owned & { kind: 'await_description'; draft: Draft })
  | (Owned & { kind: 'choose_asset'; draft: Draft; candidates: { id: number; label: string }[] })
  | (Owned & { kind: 'await_asset'; draft: Draft; tries: number })
  | (Owned & { kind: 'existing_open'; draft: Draft; workOrder: WoRef })
  /** `editingTitle`: the Title button was tapped; the next text is the new title. */
  | (Owned & { kind: 'confirm_create'; draft: Draft; choosingPriority: boolean; editingTitle?: boolean })
  | (Owned & { kind: 'await_wo_number'; purpose: 'check_status' | 'update_status' | 'add_comment'; status: WorkOrderStatus | null; text: string | null; attachments: AttachmentRef[] })
  | (Owned & { kind: 'choose_status'; workOrder: WoRef })
  | (Owned & { kind: 'confirm_status'; workOrder: WoRef; status: WorkOrderStatus })
  | (Owned & { kind: 'closing_note'; workOrder: WoRef })
  | (Owned & { kind: 'await_comment'; workOrder: WoRef; attachments: AttachmentRef[] })
  /** "Is it one of these?": `number` the work order a status button means, `assetId` the machine a report button means. */
  | (Owned & { kind: 'clarify'; text: string; number: number | null; assetId: number | null; meanings: Meaning[] });

export type FlowStateKind = FlowState['kind'];

/** A reply to the chat. `edit` replaces the message whose button was tapped. */
export interface Reply {
  text: string;
  buttons?: InlineButton[][];
  edit?: boolean;
}

/** Durable work for the job pipeline; keys are derived from the cause so nothing runs twice. */
export type FlowCommand =
  /** `approval`: the requester's plan wants a supervisor's approval before it is filed. */
  | { type: 'create_work_order'; idempotencyKey: string; draft: Draft; approval?: boolean }
  | { type: 'change_status'; idempotencyKey: string; workOrder: WoRef; status: WorkOrderStatus; note: string | null }
  | { type: 'add_comment'; idempotencyKey: string; workOrder: WoRef; text: string; attachments: AttachmentRef[] };

export interface Outcome {
  replies: Reply[];
  commands: FlowCommand[];
  /** The new pending state (null clears it); undefined leaves it as it is. */
  state?: FlowState | null;
  /** The short answer to a button tap (a toast). */
  toast?: string;
  /** Passed on (metrics, the trace, feedback records) once this outcome is kept: core/observe. */
  observations?: Observation[];
}

/** Who is talking, where, and what is pending. */
export interface FlowContext {
  conversation: { id: string; version: number; state: FlowState | null };
  user: {
    id: string; name: string; tier: Tier; homeLocationId: number | null; recentAssetIds: number[];
    /** Where the person usually works (core/conversation/whereabouts.ts): locations of their sites, theirs first. */
    usualLocationIds?: number[];
  };
  /** The person as access decisions see them (role, crews here, Atlas account, plan). */
  actor: Actor;
  chat: ChatAddress;
  /** Unique per inbound event (update or callback), e.g. "tg:u:123"; keys commands. */
  eventKey: string;
  now: Date;
}

/** What the flow may ask of the world. */
export interface FlowDeps {
  /** May wait for a second opinion (a language model) on an unsure reading. */
  understand(text: string, ctx: FlowResolveContext): FlowInterpretation | Promise<FlowInterpretation>;
  resolveAsset(mention: string, ctx: FlowResolveContext): FlowResolution;
  asset(id: number): AssetRecord | undefined;
  /** Every asset known (the catalog), for what a bare number may be. */
  catalog?: () => readonly AssetRecord[];
  reader: WorkOrderReader;
  /** Who may do what (core/access): every work order shown or changed is checked here first. */
  access: AccessGuard;
  /** Atlas ids of the work orders this person reported through Rivet, newest first. */
  ownWorkOrderIds(userId: string): Promise<number[]>;
  askSupervisor(q: Omit<SupervisorQuestion, 'organizationId'>): Promise<{ delivered: boolean }>;
  /** How to reach a supervisor when none is connected (RIVET_SUPERVISOR_CONTACT). */
  supervisorContact?: string | null;
}

export type { WorkOrderSummary };
