/** Tuning of the job system; every value has a production default (tests shorten them). */
import type { BackoffSettings } from './backoff.js';
import type { QueueName } from './names.js';
import type { RateLimits } from './rate-limit.js';

export interface JobSystemOptions {
  atlasWebhookSecret?: string | null;
  /**
   * Atlas status polling (default 60 s). With a webhook secret Rivet still polls, 5× less often
   * (at least every 5 min), as a safety net: Atlas never redelivers a webhook Rivet missed.
   */
  pollIntervalMs?: number;
  technicianQuestionTtlMs?: number;
  supervisorQuestionTtlMs?: number;
  /** Transient failures are retried for at least this long (default 24 h; never less than given). */
  retryWindowMs?: number;
  /** After this many failed attempts the technician hears it is delayed (default 3). */
  delayedNoticeAfter?: number;
  backoff?: Partial<BackoffSettings>;
  concurrency?: Partial<Record<QueueName, number>>;
  /** Workers beat this often: renew their claims, look for gone workers (default 2 s). */
  heartbeatMs?: number;
  /**
   * While this process acknowledges webhooks, at most `ingestConcurrency` of its jobs run at once
   * (default 2; a job running 500 ms no longer counts); a job waits for a turn at most
   * `ingestFirstMs` (default 10 s; 0: never waits). See ingest-gate.ts.
   */
  ingestFirstMs?: number;
  ingestConcurrency?: number;
  /** A worker silent this long is gone and its jobs go back to the queue (default 10 s). */
  deadAfterMs?: number;
  /** A claim not renewed for this long can be taken (default 30 s; renewed every heartbeat). */
  claimLeaseMs?: number;
  /** A run this long stops holding its claim, so a hung job can be taken over (default 10 min). */
  maxRunMs?: number;
  /** Queue mode: BullMQ lock of a running job, renewed while its worker lives (default 30 s). */
  lockDurationMs?: number;
  /** Queue mode: how often workers return jobs whose lock is gone (default 3 s). */
  stalledIntervalMs?: number;
  /** Embedded mode: how often idle queues look for rows written by other processes (default 1 s). */
  idlePollMs?: number;
  sweepIntervalMs?: number;
  /** Queue mode: outbox rows untouched this long are checked against Redis (default 10 s). */
  sweepStaleAfterMs?: number;
  questionSweepIntervalMs?: number;
  rateLimits?: Partial<RateLimits>;
  /** Where relative attachment paths live (RIVET_DATA_DIR). */
  dataDir?: string;
  /** PUBLIC_URL: attachments announced under it are Rivet's own kept files. */
  publicUrl?: string | null;
  /** Queue mode: how long a producer waits for Redis before leaving a job to the sweeper (default 2 s). */
  pushTimeoutMs?: number;
}
