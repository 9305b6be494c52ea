import { envSchema, type RawEnv } from './env.js';
import { parsePriceTiers } from './price-tiers.js';
import { emptyAllowlist, parseAllowlist, type Allowlist, type RateRule, type SignupMode } from '../core/access/index.js';
import type { Tier } from '../core/model.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
  }
}

export interface Config {
  env: string;
  port: number;
  publicUrl: string | null;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  /** What Rivet keeps of people's files: for how long, and how much per person (null: no limit). */
  files: { retentionDays: number; quotaBytes: number | null };
  /** Queue mode (BullMQ on this Redis) when set; embedded mode (jobs in-process from the outbox) when null. */
  redisUrl: string | null;
  /** BullMQ key prefix: several deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  apiKey: string | null;
  logLevel: RawEnv['LOG_LEVEL'];
  organizationName: string;
  /** Who may use the bot and how fast one person may look work orders up (docs/security.md). */
  access: { signup: SignupMode; allowlist: Allowlist; lookupRule: RateRule };
  telegram: {
    token: string;
    webhookSecret: string | null;
    apiRoot: string;
    /** Groups allowed by configuration (chat id → crew or null), besides those in allowed_chats. */
    allowedGroups: ReadonlyMap<string, string | null>;
  } | null;
  /** TELEGRAM_BOT_USERNAME without '@'; otherwise asked of Telegram (getMe). */
  botUsername: string | null;
  slack: {
    botToken: string;
    signingSecret: string;
    /** The oversight channel's ID. */
    channel: string;
    apiUrl: string;
    /** A HIGH report no supervisor touched this long is posted again. */
    escalationMinutes: number;
    /** The user group mentioned when it is (Slack ID), if any. */
    escalationUsergroup: string | null;
  } | null;
  stripe: { secretKey: string; webhookSecret: string; priceTiers: Record<string, Tier>; apiBase: string | null } | null;
  atlas: {
    url: string;
    auth: { kind: 'apiKey'; apiKey: string } | { kind: 'password'; email: string; password: string };
    webhookSecret: string | null;
    pollIntervalMs: number;
    assetRefreshMs: number;
    /** Atlas role code of the accounts Rivet creates for new people (ATLAS_DEFAULT_ROLE). */
    defaultRole: string;
    /** Atlas's web app, for links to work orders (ATLAS_WEB_URL, else ATLAS_URL without /api). */
    webUrl?: string;
  } | null;
  langsmith: { tracing: boolean; apiKey: string | null; endpoint: string | null; project: string | null };
  /** Bearer token for GET /metrics besides the API key (METRICS_TOKEN). */
  metricsToken: string | null;
  /** How technicians reach a supervisor when none is connected (RIVET_SUPERVISOR_CONTACT). */
  supervisorContact: string | null;
  /** The browser demo at /demo (RIVET_DEMO=true; `npm run demo`): anyone who opens it is let in as a technician. */
  demo: boolean;
  /** A language model's second opinion on unsure messages (RIVET_LLM_*); null: off, nothing leaves. */
  llm: { url: string; model: string; apiKey: string | null; timeoutMs: number } | null;
}

type Problems = { variable: string; message: string }[];

/** Every variable of a group is set, or none is; returns whether the group is enabled. */
function group(env: Partial<RawEnv>, problems: Problems, name: string, required: (keyof RawEnv)[]): boolean {
  const present = required.filter((k) => env[k] !== undefined);
  if (present.length === 0) return false;
  for (const k of required) {
    if (env[k] === undefined) {
      problems.push({
        variable: k,
        message: `is required when ${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} set (${name} is half-configured)`,
      });
    }
  }
  return present.length === required.length;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const problems: Problems = [];
  // Presence rules are checked on the raw values, so one run reports a malformed
  // variable and a half-configured integration together.
  const raw = Object.fromEntries(
    Object.entries(source).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  ) as Partial<RawEnv>;
  const telegramOn = group(raw, problems, 'Telegram', ['TELEGRAM_BOT_TOKEN']);
  if (!telegramOn && raw.TELEGRAM_WEBHOOK_SECRET) {
    problems.push({ variable: 'TELEGRAM_BOT_TOKEN', message: 'is required when TELEGRAM_WEBHOOK_SECRET is set' });
  }
  const slackOn = group(raw, problems, 'Slack', ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_OVERSIGHT_CHANNEL']);
  const stripeOn = group(raw, problems, 'Stripe', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_PRICE_TIERS']);
  if (raw.ATLAS_API_KEY ?? raw.ATLAS_EMAIL ?? raw.ATLAS_PASSWORD ?? raw.ATLAS_WEBHOOK_SECRET ?? raw.ATLAS_URL) {
    if (!raw.ATLAS_URL) problems.push({ variable: 'ATLAS_URL', message: 'is required when other ATLAS_* settings are set' });
    if (raw.ATLAS_EMAIL && !raw.ATLAS_PASSWORD) problems.push({ variable: 'ATLAS_PASSWORD', message: 'is required when ATLAS_EMAIL is set' });
    if (raw.ATLAS_PASSWORD && !raw.ATLAS_EMAIL) problems.push({ variable: 'ATLAS_EMAIL', message: 'is required when ATLAS_PASSWORD is set' });
    if (raw.ATLAS_URL && !raw.ATLAS_API_KEY && !raw.ATLAS_EMAIL && !raw.ATLAS_PASSWORD) {
      problems.push({ variable: 'ATLAS_EMAIL', message: 'ATLAS_URL needs credentials: ATLAS_EMAIL and ATLAS_PASSWORD, or ATLAS_API_KEY' });
    }
  }

  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    problems.unshift(...parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })));
    throw new ConfigError(problems);
  }
  const env = parsed.data;

  let priceTiers: Record<string, Tier> = {};
  if (stripeOn && env.STRIPE_PRICE_TIERS) {
    const result = parsePriceTiers(env.STRIPE_PRICE_TIERS);
    if ('error' in result) problems.push({ variable: 'STRIPE_PRICE_TIERS', message: result.error });
    else priceTiers = result.tiers;
  }

  let allowlist = emptyAllowlist;
  if (env.RIVET_ALLOWLIST) {
    const parsed = parseAllowlist(env.RIVET_ALLOWLIST);
    if ('error' in parsed) problems.push({ variable: 'RIVET_ALLOWLIST', message: parsed.error });
    else allowlist = parsed.allowlist;
  }
  const allowedGroups = new Map<string, string | null>();
  for (const item of (env.TELEGRAM_ALLOWED_GROUPS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(-\d{1,20})(?:=(.{1,80}))?$/.exec(item);
    if (!m) {
      problems.push({ variable: 'TELEGRAM_ALLOWED_GROUPS', message: `“${item.slice(0, 40)}” is not a group chat id (a negative number, optionally =crew)` });
      continue;
    }
    allowedGroups.set(m[1]!, m[2]?.trim() || null);
  }

  let atlas: Config['atlas'] = null;
  if (env.ATLAS_URL && (env.ATLAS_API_KEY || (env.ATLAS_EMAIL && env.ATLAS_PASSWORD))) {
    atlas = {
      url: env.ATLAS_URL.replace(/\/+$/, ''),
      // The JWT path is preferred when both are given: it is the one unlicensed Atlas accepts.
      auth: env.ATLAS_EMAIL && env.ATLAS_PASSWORD
        ? { kind: 'password', email: env.ATLAS_EMAIL, password: env.ATLAS_PASSWORD }
        : { kind: 'apiKey', apiKey: env.ATLAS_API_KEY! },
      webhookSecret: env.ATLAS_WEBHOOK_SECRET ?? null,
      pollIntervalMs: env.ATLAS_POLL_INTERVAL_S * 1000,
      assetRefreshMs: env.ATLAS_ASSET_REFRESH_S * 1000,
      defaultRole: env.ATLAS_DEFAULT_ROLE,
      webUrl: (env.ATLAS_WEB_URL ?? env.ATLAS_URL.replace(/\/+$/, '').replace(/\/api$/, '')).replace(/\/+$/, ''),
    };
  }
  if (env.LANGSMITH_TRACING && !env.LANGSMITH_API_KEY && !env.LANGSMITH_ENDPOINT) {
    problems.push({ variable: 'LANGSMITH_API_KEY', message: 'is required when LANGSMITH_TRACING=true (or set LANGSMITH_ENDPOINT to a self-hosted collector)' });
  }
  if (env.RIVET_LLM_URL && !env.RIVET_LLM_MODEL) {
    problems.push({ variable: 'RIVET_LLM_MODEL', message: 'is required when RIVET_LLM_URL is set (the model name the endpoint serves, e.g. gpt-4o-mini or llama3.1)' });
  }
  if (!env.RIVET_LLM_URL && (env.RIVET_LLM_MODEL || env.RIVET_LLM_API_KEY)) {
    problems.push({ variable: 'RIVET_LLM_URL', message: 'is required when RIVET_LLM_MODEL or RIVET_LLM_API_KEY is set (e.g. https://api.openai.com/v1)' });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV ?? 'development',
    port: env.PORT,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    database: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.RIVET_DATA_DIR },
    dataDir: env.RIVET_DATA_DIR,
    files: { retentionDays: env.RIVET_FILE_RETENTION_DAYS, quotaBytes: env.RIVET_FILE_QUOTA_MB > 0 ? env.RIVET_FILE_QUOTA_MB * 1024 * 1024 : null },
    redisUrl: env.REDIS_URL ?? null,
    queuePrefix: env.RIVET_QUEUE_PREFIX,
    apiKey: env.RIVET_API_KEY ?? null,
    logLevel: env.LOG_LEVEL,
    organizationName: env.RIVET_ORG_NAME,
    access: { signup: env.RIVET_SIGNUP, allowlist, lookupRule: parseRate(env.RIVET_LOOKUP_LIMIT) },
    telegram: telegramOn
      ? { token: env.TELEGRAM_BOT_TOKEN!, webhookSecret: env.TELEGRAM_WEBHOOK_SECRET ?? null, apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, ''), allowedGroups }
      : null,
    botUsername: env.TELEGRAM_BOT_USERNAME?.replace(/^@/, '') ?? null,
    slack: slackOn
      ? {
          botToken: env.SLACK_BOT_TOKEN!,
          signingSecret: env.SLACK_SIGNING_SECRET!,
          channel: env.SLACK_OVERSIGHT_CHANNEL!,
          apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
          escalationMinutes: env.SLACK_ESCALATION_MINUTES,
          escalationUsergroup: env.SLACK_ESCALATION_USERGROUP ?? null,
        }
      : null,
    stripe: stripeOn
      ? { secretKey: env.STRIPE_SECRET_KEY!, webhookSecret: env.STRIPE_WEBHOOK_SECRET!, priceTiers, apiBase: env.STRIPE_API_BASE ?? null }
      : null,
    atlas,
    langsmith: {
      tracing: env.LANGSMITH_TRACING,
      apiKey: env.LANGSMITH_API_KEY ?? null,
      endpoint: env.LANGSMITH_ENDPOINT ?? null,
      project: env.LANGSMITH_PROJECT ?? null,
    },
    metricsToken: env.METRICS_TOKEN ?? null,
    supervisorContact: env.RIVET_SUPERVISOR_CONTACT ?? null,
    demo: env.RIVET_DEMO,
    llm: env.RIVET_LLM_URL && env.RIVET_LLM_MODEL
      ? { url: env.RIVET_LLM_URL, model: env.RIVET_LLM_MODEL, apiKey: env.RIVET_LLM_API_KEY ?? null, timeoutMs: env.RIVET_LLM_TIMEOUT_MS }
      : null,
  };
}

/** "20/10m" → 20 per 10 minutes (the format is checked by the schema). */
function parseRate(v: string): RateRule {
  const m = /^(\d+)\/(\d+)([smh])$/.exec(v)!;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000 }[m[3] as 's' | 'm' | 'h'];
  return { limit: Math.max(1, Number(m[1])), perMs: Math.max(1, Number(m[2])) * unit };
}

/** Reads `.env` (when present) into process.env without overriding what is already set. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
