/**
 * Rivet's own records. Atlas stays the system of record for work orders and assets;
 * these tables hold who is who, what was said, what Rivet filed, and what it has seen.
 * Every row carries its organization, so one deployment can serve many customers later.
 */
import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  atlasUrl: text('atlas_url'),
  atlasAuthMode: text('atlas_auth_mode'),
  slackChannelId: text('slack_channel_id'),
  stripeCustomerId: text('stripe_customer_id').unique(),
  tier: text('tier').notNull().default('beta'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The `rivet_users` table of the original design. */
export const users = pgTable('rivet_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  email: text('email'),
  telegramId: bigint('telegram_id', { mode: 'number' }).unique(),
  telegramUsername: text('telegram_username'),
  displayName: text('display_name'),
  /** What the person's chat app reports ("es-MX"). */
  language: text('language'),
  /** The language the person chose for Rivet's replies (/language, or an administrator): en, es, pt, de. */
  replyLanguage: text('reply_language'),
  /** The language their recent messages were written in, when clear: replies follow it. */
  detectedLanguage: text('detected_language'),
  stripeCustomerId: text('stripe_customer_id').unique(),
  stripeSubscriptionId: text('stripe_subscription_id'),
  /**
   * When the tier was last decided from Stripe (the moment its subscriptions were fetched): a
   * slower decision from an older fetch never overwrites a newer one.
   */
  stripeSyncedAt: timestamp('stripe_synced_at', { withTimezone: true }),
  atlasUserId: integer('atlas_user_id'),
  tier: text('tier').notNull().default('beta'),
  /** Where the person usually works: breaks ties between same-named assets. */
  homeLocationId: integer('home_location_id'),
  /** What the person may do: technician (their own and their crew's work orders), supervisor or admin (all). */
  role: text('role').notNull().default('technician'),
  /** A crew name set by an administrator; crew mates see and act on each other's work orders. */
  crew: text('crew'),
  /** Set when an administrator switched the person off: they are refused politely. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('rivet_users_org_idx').on(t.organizationId), index('rivet_users_email_idx').on(t.email)]);

/**
 * Chat identities other than Telegram's (which stays on rivet_users.telegram_id): a Slack user,
 * a browser-demo visitor. One row per platform account, pointing at the Rivet person.
 */
export const identities = pgTable('identities', {
  channel: text('channel').notNull(),
  externalId: text('external_id').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id),
  username: text('username'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.channel, t.externalId] }), index('identities_user_idx').on(t.userId)]);

/** Group chats an administrator allowed the bot to work in (elsewhere it says so once and leaves). */
export const allowedChats = pgTable('allowed_chats', {
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  channel: text('channel').notNull(),
  chatId: text('chat_id').notNull(),
  title: text('title'),
  /** The crew a group stands for: its members see each other's work orders. */
  crew: text('crew'),
  allowedBy: text('allowed_by'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.channel, t.chatId] })]);

/** One open conversation per chat and channel; a closed one stays for history. */
export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  userId: uuid('user_id').references(() => users.id),
  channel: text('channel').notNull(),
  chatId: text('chat_id').notNull(),
  /** The multi-step flow in progress (a pending choice, a confirmation), or null. */
  state: jsonb('state'),
  /** Bumped on every state write; lets a writer detect a concurrent change. */
  stateVersion: integer('state_version').notNull().default(0),
  slackThreadTs: text('slack_thread_ts'),
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('conversations_open_chat_uq').on(t.channel, t.chatId).where(sql`closed_at is null`),
  index('conversations_user_idx').on(t.userId),
]);

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  conversationId: uuid('conversation_id').references(() => conversations.id),
  channel: text('channel').notNull(),
  direction: text('direction').notNull(), // in | out
  senderType: text('sender_type').notNull(), // technician | bot | supervisor | system
  senderUserId: uuid('sender_user_id').references(() => users.id),
  platformChatId: text('platform_chat_id'),
  platformMessageId: text('platform_message_id'),
  parentMessageId: uuid('parent_message_id'),
  kind: text('kind').notNull(), // request | response | status
  text: text('text').notNull(),
  payload: jsonb('payload'),
  createdAt: createdAt(),
}, (t) => [index('messages_conversation_idx').on(t.conversationId, t.createdAt)]);

export const workOrderLinks = pgTable('work_order_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  atlasWorkOrderId: integer('atlas_work_order_id').notNull(),
  atlasCustomId: text('atlas_custom_id'),
  /** The cause that filed it (e.g. a button tap); unique, so a retry never files twice. */
  idempotencyKey: text('idempotency_key').unique(),
  requesterId: uuid('requester_id').references(() => users.id),
  conversationId: uuid('conversation_id').references(() => conversations.id),
  title: text('title'),
  assetId: integer('asset_id'),
  priority: text('priority'),
  lastKnownStatus: text('last_known_status'),
  lastStatusAt: timestamp('last_status_at', { withTimezone: true }),
  /** Where to tell the requester about changes. */
  notifyChannel: text('notify_channel'),
  notifyChatId: text('notify_chat_id'),
  slackChannelId: text('slack_channel_id'),
  slackThreadTs: text('slack_thread_ts'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('work_order_links_atlas_uq').on(t.organizationId, t.atlasWorkOrderId),
  index('work_order_links_requester_idx').on(t.requesterId, t.createdAt),
]);

/** The one place that deduplicates deliveries: Telegram updates, Slack, Stripe and Atlas events. */
export const processedEvents = pgTable('processed_events', {
  source: text('source').notNull(),
  externalId: text('external_id').notNull(),
  organizationId: uuid('organization_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.source, t.externalId] })]);

export const linkTokens = pgTable('link_tokens', {
  /** SHA-256 of the token; the token itself is only ever in the link. */
  tokenHash: text('token_hash').primaryKey(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedByTelegramId: bigint('used_by_telegram_id', { mode: 'number' }),
  /**
   * What minted it, e.g. `checkout:cs_…` (one per Stripe checkout, so its welcome page can find
   * it again) or `invite`; null for older tokens.
   */
  source: text('source'),
  createdAt: createdAt(),
}, (t) => [index('link_tokens_source_idx').on(t.source)]);

/**
 * Every job, written before anything runs it (in the cause's own transaction when it has one).
 * In queue mode BullMQ carries the job and the row is its record; in embedded mode the row is the
 * queue itself. Either way a run *claims* its row (claimed_by = a live worker in job_workers), so
 * the same job never runs twice at once, and a row is done once.
 */
export const outbox = pgTable('outbox', {
  jobId: text('job_id').primaryKey(),
  organizationId: uuid('organization_id'),
  queue: text('queue').notNull(),
  name: text('name').notNull(),
  payload: jsonb('payload').notNull(),
  /** 0 first, then 1 (HIGH), 2, 3 — BullMQ's order. */
  priority: integer('priority').notNull().default(0),
  status: text('status').notNull().default('pending'), // pending | enqueued | running | done | failed | parked
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** Jobs with the same key (a chat) run one after another, in `seq` order. */
  orderingKey: text('ordering_key'),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  /** Not before this (a delay, a backoff, a rate limit). */
  runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
  /** The worker (job_workers.id) whose run holds the row while status is running. */
  claimedBy: text('claimed_by'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  /** Renewed by the holder's heartbeat; a claim past it can be taken. */
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  /** The current run began a write it cannot take back (a POST to Atlas). */
  writingAt: timestamp('writing_at', { withTimezone: true }),
  /** A run cut short while writing: its last sign of life (the write may still land after it). */
  interruptedAt: timestamp('interrupted_at', { withTimezone: true }),
  /** First failure of the current run of retries (the retry window counts from here). */
  retryingSince: timestamp('retrying_since', { withTimezone: true }),
  /** The trace the job was enqueued in (LangSmith), so its run continues that trace; null when tracing is off. */
  trace: jsonb('trace'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('outbox_status_idx').on(t.status, t.updatedAt),
  index('outbox_ready_idx').on(t.queue, t.priority, t.seq).where(sql`status in ('pending', 'enqueued')`),
  index('outbox_ordering_idx').on(t.orderingKey, t.seq).where(sql`ordering_key is not null`),
  index('outbox_claimed_by_idx').on(t.claimedBy).where(sql`status = 'running'`),
]);

/** Worker processes (one row per run of a process): identity and heartbeat, so their claims can be judged. */
export const jobWorkers = pgTable('job_workers', {
  id: text('id').primaryKey(),
  /** Host name, boot id and pid namespace: two rows on the same machine can check each other's pid. */
  machine: text('machine').notNull(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  mode: text('mode').notNull(), // queue | embedded
  queues: jsonb('queues').notNull().default([]),
  /** BullMQ worker ids of this process (their lock tokens start with these). */
  queueWorkerIds: jsonb('queue_worker_ids').notNull().default([]),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  stopReason: text('stop_reason'),
});

/** Short leases so that one process at a time runs a periodic task (sweep, poll, expiry). */
export const jobLocks = pgTable('job_locks', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: timestamp('until', { withTimezone: true }).notNull(),
});

/** A job that lacks something parks here and asks a person; the answer resumes it. */
export const pendingQuestions = pgTable('pending_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  conversationId: uuid('conversation_id').references(() => conversations.id),
  askedChannel: text('asked_channel').notNull(),
  askedChatId: text('asked_chat_id').notNull(),
  askedThreadId: text('asked_thread_id'),
  audience: text('audience').notNull(), // technician | supervisor
  /** The person a technician's question was asked of: in a group, only they may answer it. */
  askedUserId: uuid('asked_user_id').references(() => users.id),
  question: text('question').notNull(),
  options: jsonb('options'),
  resumeQueue: text('resume_queue').notNull(),
  resumeName: text('resume_name').notNull(),
  resumePayload: jsonb('resume_payload').notNull(),
  answer: jsonb('answer'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  expiredAt: timestamp('expired_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('pending_questions_open_idx').on(t.askedChannel, t.askedChatId, t.answeredAt)]);

/** Photos and voice notes received from technicians, kept by Rivet. */
export const storedFiles = pgTable('stored_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  userId: uuid('user_id').references(() => users.id),
  platformFileId: text('platform_file_id'),
  path: text('path').notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type'),
  sizeBytes: integer('size_bytes'),
  atlasFileId: integer('atlas_file_id'),
  /** Set when a report or comment carrying the file was accepted (its attachment job ran); until then housekeeping may drop it. */
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('stored_files_user_idx').on(t.userId), index('stored_files_created_idx').on(t.createdAt)]);

/**
 * Per-key allowances (how fast one person may look work orders up), shared by every process:
 * GCRA, one row per key holding its "theoretical arrival time" in epoch milliseconds.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  tatMs: bigint('tat_ms', { mode: 'number' }).notNull(),
});

/**
 * Supervisor threads in the oversight channel: one per question for a person and one per work
 * order filed from chat. The root's message id (Slack ts) is recorded once it is posted; a reply
 * in a thread is routed by it, and only ever to the technician chat stored here.
 */
export const oversightThreads = pgTable('oversight_threads', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  kind: text('kind').notNull(), // question | work_order
  topic: text('topic').notNull(), // question | which_asset | not_understood | decision | work_order
  /** The cause that opened it (e.g. the inbound event); unique, so asking again opens nothing new. */
  openedBy: text('opened_by').notNull().unique(),
  personId: uuid('person_id').references(() => users.id),
  conversationId: uuid('conversation_id').references(() => conversations.id),
  /** The technician's chat: where a supervisor's answer goes. */
  techChannel: text('tech_channel'),
  techChatId: text('tech_chat_id'),
  workOrderId: integer('work_order_id'),
  questionId: uuid('question_id'),
  channelId: text('channel_id').notNull(),
  rootMessageId: text('root_message_id'),
  /** What the root message shows (refreshed as it changes). */
  card: jsonb('card').notNull(),
  /** The report waiting for its machine ("None of these"), handed back when a supervisor picks. */
  report: jsonb('report'),
  priority: text('priority'),
  takenOverBy: uuid('taken_over_by').references(() => users.id),
  touchedAt: timestamp('touched_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  /** Bumped by every change of the root message, so each refresh has a key of its own. */
  revision: integer('revision').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('oversight_threads_work_order_uq').on(t.organizationId, t.workOrderId).where(sql`work_order_id is not null`),
  uniqueIndex('oversight_threads_root_uq').on(t.channelId, t.rootMessageId).where(sql`root_message_id is not null`),
  index('oversight_threads_person_idx').on(t.personId, t.createdAt),
  index('oversight_threads_conversation_idx').on(t.conversationId, t.createdAt),
]);

/**
 * People's judgements on what Rivet understood (src/core/observe): a report confirmed as proposed,
 * another machine picked, "None of these", a cancelled card, a changed priority, a supervisor's
 * correction or answer. One row per cause (`key`); `said` is what Rivet had made of the message,
 * `corrected` what the person decided. Misses become labelled data (`rivet export-misses`), and
 * the rows feed `rivet report`; `trace_id` ties a row to the message's LangSmith trace.
 */
export const feedback = pgTable('feedback', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  key: text('key').notNull().unique(),
  kind: text('kind').notNull(),
  source: text('source').notNull(), // technician | supervisor
  personId: uuid('person_id').references(() => users.id),
  /** The inbound event of the message the judgement is about. */
  eventKey: text('event_key'),
  /** The Atlas work order it concerns, when there is one. */
  workOrderId: integer('work_order_id'),
  /** A confirmation's work order command (work_order_links.idempotency_key). */
  filingKey: text('filing_key'),
  traceId: text('trace_id'),
  /** 1: Rivet was right; 0: corrected; null: no verdict. */
  score: integer('score'),
  said: jsonb('said'),
  corrected: jsonb('corrected').notNull(),
  /** When it was sent to LangSmith as feedback on the trace. */
  sentAt: timestamp('sent_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('feedback_org_created_idx').on(t.organizationId, t.createdAt),
  index('feedback_event_idx').on(t.eventKey),
  index('feedback_filing_idx').on(t.filingKey).where(sql`filing_key is not null`),
]);

/** Cursors of periodic syncs (e.g. the Atlas status poll). */
export const syncCursors = pgTable('sync_cursors', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

export const schema = {
  organizations, users, identities, allowedChats, conversations, messages, workOrderLinks, processedEvents, linkTokens,
  outbox, jobWorkers, jobLocks, pendingQuestions, storedFiles, syncCursors, rateLimits, oversightThreads, feedback,
};
export type Schema = typeof schema;
