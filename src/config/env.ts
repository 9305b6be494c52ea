/**
 * One zod schema over the environment, read once at start-up. Each integration is
 * enabled only when its settings are present; a half-configured one is an error.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const optionalUrl = optionalString.pipe(z.url({ protocol: /^https?$/ }).optional());
const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  optionalString
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .pipe(z.number({ error: 'must be a whole number' }).int('must be a whole number').min(min).max(max));
const boolish = optionalString.transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  NODE_ENV: optionalString,
  PORT: integer(3000, 0, 65535),
  PUBLIC_URL: optionalUrl,
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  RIVET_DATA_DIR: optionalString.default('./.rivet'),
  /** Days Rivet keeps the photos and voice notes of accepted reports before deleting them. */
  RIVET_FILE_RETENTION_DAYS: integer(90, 1, 36_500),
  /** Megabytes of kept files one person may have at a time (0: no limit). */
  RIVET_FILE_QUOTA_MB: integer(200, 0, 1_000_000),
  /** Set: queue mode (BullMQ on Redis, workers can scale out). Unset: jobs run inside Rivet (embedded mode). */
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  RIVET_API_KEY: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  LOG_LEVEL: optionalString.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  RIVET_ORG_NAME: optionalString.default('Default organization'),
  RIVET_QUEUE_PREFIX: optionalString.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'only A-Z, a-z, 0-9, _ and - (at most 64)').default('rivet')),
  /** Who may use the bot: open (anyone, as a beta user) | invite (default) | stripe (paying customers). */
  RIVET_SIGNUP: optionalString.pipe(z.enum(['open', 'invite', 'stripe'], { error: 'must be open, invite or stripe' }).default('invite')),
  /** In invite mode, who may start without a sign-up link: "@telegram_user,ana@plant.com". */
  RIVET_ALLOWLIST: optionalString,
  /**
   * How technicians reach a supervisor when none is connected to Rivet (no Slack oversight): told to
   * them instead of a dead end, e.g. "Maria, ext. 214" or "+1 555 0100". One line, 3–200 characters.
   */
  RIVET_SUPERVISOR_CONTACT: optionalString.pipe(
    z.string().min(3, 'must be at least 3 characters').max(200, 'must be at most 200 characters').regex(/^[^\r\n\t]+$/, 'must be one line').optional(),
  ),
  /** The browser demo at /demo (src/bots/demo): anyone who opens it joins as a technician. Never on by default. */
  RIVET_DEMO: boolish,
  /** How many work-order lookups one person may make: "<count>/<period>", e.g. 20/10m. */
  RIVET_LOOKUP_LIMIT: optionalString.pipe(
    z.string().regex(/^\d{1,6}\/\d{1,6}[smh]$/, 'must look like 20/10m (count / period in s, m or h)').default('20/10m'),
  ),

  TELEGRAM_BOT_TOKEN: optionalString.pipe(
    z.string().regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC-DEF… (from @BotFather)').optional(),
  ),
  /** Whoever knows it can post updates as Telegram: long enough not to be guessed. */
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .min(16, 'must be at least 16 characters (e.g. openssl rand -hex 16)')
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and - (Telegram rule)')
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalUrl.default('https://api.telegram.org'),
  /** Group chats the bot may work in besides those allowed through /api/groups: "-100123,-100456=Boiler crew". */
  TELEGRAM_ALLOWED_GROUPS: optionalString,
  /** For t.me links (invites, welcome pages, QR stickers) when getMe cannot be asked (the CLI offline). */
  TELEGRAM_BOT_USERNAME: optionalString.pipe(z.string().regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be a Telegram bot username, e.g. rivet_bot').optional()),

  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_OVERSIGHT_CHANNEL: optionalString.pipe(
    z.string().regex(/^[CG][A-Z0-9]{6,}$/, "must be the channel's ID (C… or G…), not its name").optional(),
  ),
  SLACK_API_URL: optionalUrl.default('https://slack.com/api/'),
  SLACK_ESCALATION_MINUTES: integer(15, 1, 24 * 60),
  SLACK_ESCALATION_USERGROUP: optionalString.pipe(z.string().regex(/^S[A-Z0-9]{6,}$/, "must be the user group's ID (S…)").optional()),

  STRIPE_SECRET_KEY: optionalString.pipe(z.string().regex(/^(sk|rk)_(test|live)_/, 'must start with sk_test_, sk_live_, rk_…').optional()),
  STRIPE_WEBHOOK_SECRET: optionalString.pipe(z.string().startsWith('whsec_', 'must start with whsec_').optional()),
  STRIPE_PRICE_TIERS: optionalString,
  STRIPE_API_BASE: optionalUrl,

  ATLAS_URL: optionalUrl,
  ATLAS_API_KEY: optionalString,
  ATLAS_EMAIL: optionalString.pipe(z.email().optional()),
  ATLAS_PASSWORD: optionalString,
  /** The endpoint's signing secret(s) as Atlas printed them, comma-separated while rotating. */
  ATLAS_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .refine((v) => v.split(',').every((s) => s.trim().length >= 16), 'each secret must be at least 16 characters (the whsec_… secret Atlas gave the endpoint)')
      .optional(),
  ),
  ATLAS_POLL_INTERVAL_S: integer(60, 5),
  ATLAS_ASSET_REFRESH_S: integer(300, 10),
  /** Atlas role of the accounts Rivet creates for new people; the free Requester by default (contract §6.1). */
  ATLAS_DEFAULT_ROLE: optionalString.pipe(
    z.enum(['REQUESTER', 'VIEW_ONLY', 'TECHNICIAN', 'LIMITED_TECHNICIAN', 'LIMITED_ADMIN', 'ADMIN'], { error: 'must be an Atlas role code: REQUESTER, VIEW_ONLY, TECHNICIAN, LIMITED_TECHNICIAN, LIMITED_ADMIN or ADMIN' }).default('REQUESTER'),
  ),
  /** Atlas's web app (links in Slack); default: ATLAS_URL without its /api. */
  ATLAS_WEB_URL: optionalUrl,

  LANGSMITH_TRACING: boolish,
  LANGSMITH_API_KEY: optionalString,
  LANGSMITH_ENDPOINT: optionalUrl,
  LANGSMITH_PROJECT: optionalString,
  /** An OpenAI-compatible chat-completions API for a second opinion on unsure messages (off when unset). */
  RIVET_LLM_URL: optionalUrl,
  RIVET_LLM_MODEL: optionalString,
  RIVET_LLM_API_KEY: optionalString,
  RIVET_LLM_TIMEOUT_MS: integer(3000, 100, 30_000),
  /** A scrape-only bearer token for GET /metrics (RIVET_API_KEY works too). */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
});

export type RawEnv = z.infer<typeof envSchema>;
