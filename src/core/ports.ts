/**
 * The interfaces through which src/core talks to the world. main.ts wires real
 * implementations (Atlas client, BullMQ, Telegram, Slack, PostgreSQL) into them.
 */
import type { Lang } from './texts/lang.js';
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
  /** The language the requester is spoken to in (core/texts): what the job tells them later is in it. */
  language?: Lang;
}

export interface ChangeStatusCommand {
  idempotencyKey: string;
  organizationId: string;
  requesterId: string;
  chat: ChatAddress;
  workOrderId: number;
  status: WorkOrderStatus;
  note?: string | null;
  language?: Lang;
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
  language?: Lang;
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

/** A pick-one list (Slack's static select): each option carries Rivet's data like a button. */
export interface InlineMenu {
  placeholder: string;
  options: InlineButton[];
  /** The data of the option shown as chosen. */
  selected?: string | null;
}

/**
 * What only some platforms show (Slack renders them; Telegram ignores them): smaller lines under
 * the text, pick-one menus, a message only one person sees, and the supervisor thread a message
 * belongs to (resolved to the thread's root by the platform's transport).
 */
export interface MessageExtras {
  context?: string[];
  menus?: InlineMenu[];
  /** Only this platform user sees it (Slack: chat.postEphemeral). */
  ephemeralTo?: string | null;
  /** A supervisor thread: `root` posts its first message, or refreshes it once posted. */
  thread?: { id: string; root?: boolean } | null;
  /** Shown in the channel too, not only in the thread. */
  broadcast?: boolean;
  /** A group of people to alert (Slack user group id). */
  alert?: string | null;
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
  extras?: MessageExtras;
}

/** Slow or fallible work is handed to durable jobs through this port. */
export interface JobDispatcher {
  createWorkOrder(cmd: CreateWorkOrderCommand): Promise<void>;
  changeStatus(cmd: ChangeStatusCommand): Promise<void>;
  addComment(cmd: AddCommentCommand): Promise<void>;
  send(message: OutboundMessage): Promise<void>;
}

/**
 * Supervisor oversight: supervisors follow conversations in threads and answer from there
 * (src/core/oversight implements it over Slack); `noOversight` when none is connected.
 */
export interface Oversight {
  /** Copy a chat line into the supervisor thread the conversation belongs to, if any. */
  mirror(entry: {
    organizationId: string;
    conversationId: string;
    sender: 'technician' | 'bot' | 'system';
    text: string;
    /** Derived from the cause (event key, message key), so a repeated mirror posts once. */
    key?: string;
    kind?: 'response' | 'status';
    buttons?: InlineButton[][];
  }): Promise<void>;
  /** Hand a question the bot cannot answer to a person; the answer comes back to `replyTo`. */
  askSupervisor(question: SupervisorQuestion): Promise<{ delivered: boolean }>;
  /** A supervisor took this person's conversation over: the bot stays quiet until they hand it back. */
  takenOver?(input: { organizationId: string; personId: string }): Promise<{ by: string } | null>;
  /** A report became a work order: its supervisor thread opens. */
  workOrderFiled?(filed: FiledWorkOrder): Promise<void>;
  /** A work order Rivet follows changed status in Atlas. */
  workOrderStatus?(change: { organizationId: string; workOrderId: number; customId: string; status: WorkOrderStatus; key: string }): Promise<void>;
  /**
   * Tell supervisors something that belongs to no conversation (an Atlas account Rivet could not
   * create for a new person). `key` is stable per cause: the same key is a repeat. Optional:
   * without it (or undelivered) Rivet tells its supervisors and admins in their Telegram chats.
   */
  notifySupervisors?(notice: { organizationId: string; key: string; text: string }): Promise<{ delivered: boolean }>;
}

export interface SupervisorQuestion {
  organizationId: string;
  conversationId: string;
  requesterName: string;
  text: string;
  replyTo: ChatAddress;
  /** Derived from the cause, so asking again (a retried delivery) asks once. */
  key?: string;
  /** A question for a person (default), the machine of a report, a message the bot did not get, a job's decision. */
  topic?: 'question' | 'which_asset' | 'not_understood' | 'decision';
  /** For 'which_asset': the report waiting for its machine (handed back when a supervisor picks) and what was offered. */
  report?: { draft: unknown; candidates: { id: number; label: string }[]; mention: string | null };
  /** For a parked job's question: its id and its answers as buttons (`q:` data). */
  questionId?: string;
  choices?: InlineButton[];
}

export interface FiledWorkOrder {
  organizationId: string;
  /** The command's key. */
  key: string;
  workOrderId: number;
  customId: string;
  title: string;
  description: string | null;
  priority: Priority;
  status: WorkOrderStatus;
  asset: { id: number; name: string } | null;
  location: { id: number; name: string } | null;
  assignees: string[];
  requesterId: string;
  conversationId: string | null;
  /** The requester's chat. */
  chat: ChatAddress;
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
  accept(source: 'telegram' | 'slack' | 'stripe' | 'atlas' | 'demo', externalId: string, payload: unknown): Promise<'accepted' | 'duplicate'>;
}

/**
 * Tracing of the steps that decide what a message means (LangSmith when configured).
 * `wrap` returns a function with the same behaviour, traced under `name`.
 */
export interface Tracer {
  wrap<A extends unknown[], R>(name: string, fn: (...args: A) => R, opts?: { runType?: RunType; metadata?: Record<string, unknown> }): (...args: A) => R;
  flush(): Promise<void>;
}

export const noTracer: Tracer = {
  wrap: (_name, fn) => fn,
  async flush() {},
};

export type RunType = 'chain' | 'tool' | 'retriever' | 'llm' | 'parser';

export interface SpanOptions<R = unknown> {
  runType?: RunType;
  inputs?: Record<string, unknown>;
  /** What the run shows as its outputs, from the step's result. */
  outputs?: (result: R) => Record<string, unknown>;
  metadata?: Record<string, unknown>;
  tags?: string[];
}

/** One run of a trace, while it runs: what it found, and whom it was about. */
export interface TraceRun {
  /** The trace's id (its first run's); null when tracing is off. */
  readonly traceId: string | null;
  output(values: Record<string, unknown>): void;
  metadata(values: Record<string, unknown>): void;
  tag(...tags: string[]): void;
  /** The person the trace is about: only a one-way hash of the id leaves Rivet. */
  person(personId: string): void;
}

/**
 * Traces of what Rivet decided and why (LangSmith when configured): one trace per inbound event,
 * its steps nested under it. Tracing never changes a result and never throws into the caller.
 * `wrap` and `span` record a step of the trace in progress and run untraced outside one.
 */
export interface Tracing extends Tracer {
  /** False when tracing is off: skip building what only a trace would show. */
  readonly enabled: boolean;
  /** Runs `fn` as a new trace (one inbound event). */
  trace<R>(name: string, opts: SpanOptions<Awaited<R>>, fn: (run: TraceRun) => R): R;
  /** Runs `fn` as a step of the trace in progress. */
  span<R>(name: string, opts: SpanOptions<Awaited<R>>, fn: (run: TraceRun) => R): R;
  /** A finished step of the trace in progress, recorded as it is (a decision, an event). */
  event(name: string, opts: { runType?: RunType; inputs?: Record<string, unknown>; outputs?: Record<string, unknown>; metadata?: Record<string, unknown> }): void;
}

const quietRun: TraceRun = { traceId: null, output() {}, metadata() {}, tag() {}, person() {} };

export const noTracing: Tracing = {
  enabled: false,
  wrap: (_name, fn) => fn,
  async flush() {},
  trace: (_name, _opts, fn) => fn(quietRun),
  span: (_name, _opts, fn) => fn(quietRun),
  event() {},
};
