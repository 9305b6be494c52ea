/**
 * The interfaces through which src/core talks to the world. main.ts wires real
 * implementations (Atlas client, BullMQ, Telegram, Slack, PostgreSQL) into them.
 */
import type { AssetRecord, Priority, WorkOrderStatus, WorkOrderSummary, Channel } from './model.js';
import type { QuestionFacts } from './access/types.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * The little core needs of a logger (pino's Logger fits): structured fields first, then a
 * message. `child` adds fields (update, event or job ids) to every line after it.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(fields: Record<string, unknown>): Logger;
}

/** The local, in-memory copy of the organization's assets (refreshed from Atlas). */
export interface AssetCatalog {
  /** Every asset currently known; the same array until the next refresh. */
  all(): readonly AssetRecord[];
  get(id: number): AssetRecord | undefined;
  /** Bumps whenever the catalog is reloaded, so indexes can rebuild lazily. */
  version(): number;
  /** Ask for a reload soon (a lookup missed); never blocks the caller. */
  requestRefresh(reason: string): void;
}

/** Read-side questions about work orders, answered from Atlas. */
export interface WorkOrderReader {
  /** By the number a human uses: 42 means customId WO000042. */
  getByNumber(number: number): Promise<WorkOrderSummary | null>;
  /** Open (not COMPLETE) work orders on one asset, newest first. */
  openForAsset(assetId: number): Promise<WorkOrderSummary[]>;
  /** Work orders by their Atlas ids (the ones Rivet filed for a person), newest first. */
  byIds(ids: number[]): Promise<WorkOrderSummary[]>;
}

/** What a technician asked Rivet to do in Atlas; each carries the key of what caused it. */
export interface CreateWorkOrderCommand {
  /** Derived from the cause (e.g. "tg:cb:<callback id>"); the same key never files twice. */
  idempotencyKey: string;
  organizationId: string;
  requesterId: string;
  conversationId: string | null;
  chat: ChatAddress;
  title: string;
  description: string;
  priority: Priority;
  assetId: number | null;
  locationId: number | null;
  /** Files already received from the technician, to attach once the work order exists. */
  attachments?: AttachmentRef[];
  /** The requester's plan wants a supervisor's approval first: the report waits for it (jobs/handlers/approval.ts). */
  approval?: 'supervisor';
}

export interface ChangeStatusCommand {
  idempotencyKey: string;
  organizationId: string;
  requesterId: string;
  chat: ChatAddress;
  workOrderId: number;
  status: WorkOrderStatus;
  note?: string | null;
}

export interface AddCommentCommand {
  idempotencyKey: string;
  organizationId: string;
  requesterId: string;
  chat: ChatAddress;
  workOrderId: number;
  /** Rendered as "<author> (chat): <text>" since Atlas attributes comments to the bot account. */
  authorName: string;
  text: string;
  attachments?: AttachmentRef[];
}

export interface AttachmentRef {
  /** Where Rivet keeps the file (path under its data dir, or a URL). */
  storedAt: string;
  fileName: string;
  mimeType: string | null;
  kind: 'image' | 'voice' | 'other';
}

export interface ChatAddress {
  channel: Channel;
  /** Telegram chat id, or Slack channel id. */
  chatId: string;
  /** Slack thread ts, when the message belongs in a thread. */
  threadId?: string | null;
}

export interface InlineButton {
  text: string;
  /** At most 64 bytes (Telegram's callback_data limit). */
  data: string;
}

export interface OutboundMessage {
  /** Derived from the cause, so a retried job does not send the same message twice. */
  idempotencyKey: string;
  to: ChatAddress;
  text: string;
  buttons?: InlineButton[][];
  /** Telegram message to edit instead of sending a new one. */
  editMessageId?: string | null;
  conversationId?: string | null;
  kind?: 'response' | 'status';
  /** After sending, the bot leaves this (group) chat: a group no administrator allowed. */
  leaveChat?: boolean;
}

/** Slow or fallible work is handed to durable jobs through this port. */
export interface JobDispatcher {
  createWorkOrder(cmd: CreateWorkOrderCommand): Promise<void>;
  changeStatus(cmd: ChangeStatusCommand): Promise<void>;
  addComment(cmd: AddCommentCommand): Promise<void>;
  send(message: OutboundMessage): Promise<void>;
}

/**
 * Supervisor oversight (Slack, a later release). Today a no-op implementation is wired in;
 * the Slack bot will implement it without core changing.
 */
export interface Oversight {
  /** Copy a chat line into the conversation's supervisor thread. */
  mirror(entry: {
    organizationId: string;
    conversationId: string;
    sender: 'technician' | 'bot' | 'system';
    text: string;
  }): Promise<void>;
  /** Hand a question the bot cannot answer to a person; the answer comes back to `replyTo`. */
  askSupervisor(question: {
    organizationId: string;
    conversationId: string;
    requesterName: string;
    text: string;
    replyTo: ChatAddress;
  }): Promise<{ delivered: boolean }>;
  /**
   * Tell supervisors something that belongs to no conversation (an Atlas account Rivet could not
   * create for a new person). `key` is stable per cause: the same key is a repeat. Optional:
   * without it (or undelivered) Rivet tells its supervisors and admins in their Telegram chats.
   */
  notifySupervisors?(notice: { organizationId: string; key: string; text: string }): Promise<{ delivered: boolean }>;
}

export const noOversight: Oversight = {
  async mirror() {},
  async askSupervisor() {
    return { delivered: false };
  },
};

/** Sends one chat message on one platform. Implemented per platform (Telegram now, Slack later). */
export interface ChatTransport {
  send(message: OutboundMessage): Promise<{ messageId: string }>;
}

/** The platform asked us to wait (HTTP 429 with retry_after); the send may be retried after it. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterS: number, message = `rate limited; retry after ${retryAfterS} s`) {
    super(message);
  }
}

/** The platform refused for good (blocked by the user, chat not found, bad request): do not retry. */
export class PermanentSendError extends Error {
  override readonly name = 'PermanentSendError';
}

export type QuestionAnswerResult = 'resumed' | 'expired' | 'unknown' | 'already_answered';

/**
 * Questions a parked job asked a person. The chat engine hands the answer back here,
 * and the job resumes with it.
 */
export interface QuestionDesk {
  answer(input: { questionId: string; answer: string; answeredBy: string }): Promise<QuestionAnswerResult>;
  /** The answer carried by a question's button (`q:<question id>:<choice>`, see callback-data.ts). */
  answerButton(input: { data: string; answeredBy: string }): Promise<QuestionAnswerResult>;
  /** Whom the question behind a button was asked of (checked with core/access before answering); null when unknown. */
  whoMayAnswer(data: string): Promise<QuestionFacts | null>;
}

/** Verified webhook deliveries are accepted here: deduplicated, written down, queued. Fast. */
export interface InboundAcceptor {
  accept(source: 'telegram' | 'slack' | 'stripe' | 'atlas', externalId: string, payload: unknown): Promise<'accepted' | 'duplicate'>;
}

/**
 * Tracing of the steps that decide what a message means (LangSmith when configured).
 * `wrap` returns a function with the same behaviour, traced under `name`.
 */
export interface Tracer {
  wrap<A extends unknown[], R>(name: string, fn: (...args: A) => R, opts?: { runType?: 'chain' | 'tool' | 'retriever'; metadata?: Record<string, unknown> }): (...args: A) => R;
  flush(): Promise<void>;
}

export const noTracer: Tracer = {
  wrap: (_name, fn) => fn,
  async flush() {},
};
