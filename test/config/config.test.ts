import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs with nothing set: embedded database, jobs in-process (no Redis), every integration off', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './.rivet' });
    expect(config.redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' }).redisUrl).toBe('redis://cache:6379');
    expect(config.telegram).toBeNull();
    expect(config.slack).toBeNull();
    expect(config.stripe).toBeNull();
    expect(config.atlas).toBeNull();
  });

  it('tracing needs a key (or a self-hosted endpoint); a metrics token must be long enough', () => {
    expect(loadConfig({}).langsmith.tracing).toBe(false);
    expect(problemsOf({ LANGSMITH_TRACING: 'true' })).toEqual([expect.objectContaining({ variable: 'LANGSMITH_API_KEY' })]);
    expect(loadConfig({ LANGSMITH_TRACING: 'true', LANGSMITH_ENDPOINT: 'http://langsmith.internal:1984' }).langsmith).toMatchObject({ tracing: true, endpoint: 'http://langsmith.internal:1984' });
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([expect.objectContaining({ variable: 'METRICS_TOKEN' })]);
    expect(loadConfig({ METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
  });

  it('a supervisor contact is one line of 3–200 characters, and optional', () => {
    expect(loadConfig({}).supervisorContact).toBeNull();
    expect(loadConfig({ RIVET_SUPERVISOR_CONTACT: '  Maria Lopez, ext. 214 ' }).supervisorContact).toBe('Maria Lopez, ext. 214');
    expect(problemsOf({ RIVET_SUPERVISOR_CONTACT: 'no' })).toEqual([expect.objectContaining({ variable: 'RIVET_SUPERVISOR_CONTACT' })]);
    expect(problemsOf({ RIVET_SUPERVISOR_CONTACT: 'Maria\nLopez' })).toEqual([expect.objectContaining({ variable: 'RIVET_SUPERVISOR_CONTACT', message: 'must be one line' })]);
    expect(problemsOf({ RIVET_SUPERVISOR_CONTACT: 'x'.repeat(201) })).toEqual([expect.objectContaining({ variable: 'RIVET_SUPERVISOR_CONTACT' })]);
  });

  it('a second opinion from a language model is off unless its URL and model are both given', () => {
    expect(loadConfig({}).llm).toBeNull();
    expect(problemsOf({ RIVET_LLM_URL: 'http://localhost:11434/v1' })).toEqual([expect.objectContaining({ variable: 'RIVET_LLM_MODEL' })]);
    expect(problemsOf({ RIVET_LLM_MODEL: 'llama3.1' })).toEqual([expect.objectContaining({ variable: 'RIVET_LLM_URL' })]);
    expect(problemsOf({ RIVET_LLM_URL: 'http://localhost:11434/v1', RIVET_LLM_MODEL: 'm', RIVET_LLM_TIMEOUT_MS: '10' })).toEqual([expect.objectContaining({ variable: 'RIVET_LLM_TIMEOUT_MS' })]);
    expect(loadConfig({ RIVET_LLM_URL: 'https://api.openai.com/v1', RIVET_LLM_MODEL: 'gpt-4o-mini', RIVET_LLM_API_KEY: 'sk-x' }).llm).toEqual({
      url: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey: 'sk-x', timeoutMs: 3000,
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/rivet' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/rivet' });
  });

  it('names the variable of a malformed setting', () => {
    expect(problemsOf({ PORT: 'eighty' }).map((p) => p.variable)).toEqual(['PORT']);
    expect(problemsOf({ REDIS_URL: 'http://x' }).map((p) => p.variable)).toEqual(['REDIS_URL']);
    expect(problemsOf({ DATABASE_URL: 'mysql://x/y' }).map((p) => p.variable)).toEqual(['DATABASE_URL']);
    expect(problemsOf({ LOG_LEVEL: 'loud' }).map((p) => p.variable)).toEqual(['LOG_LEVEL']);
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: 'nope' }).map((p) => p.variable)).toEqual(['TELEGRAM_BOT_TOKEN']);
  });

  it('refuses a half-configured integration, naming what is missing', () => {
    const slack = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
    expect(slack.map((p) => p.variable).sort()).toEqual(['SLACK_OVERSIGHT_CHANNEL', 'SLACK_SIGNING_SECRET']);
    expect(slack[0]!.message).toMatch(/SLACK_BOT_TOKEN/);
    expect(problemsOf({ ATLAS_URL: 'http://atlas:3000/api' }).map((p) => p.variable)).toContain('ATLAS_EMAIL');
    expect(problemsOf({ ATLAS_URL: 'http://atlas:3000/api', ATLAS_EMAIL: 'bot@x.io' }).map((p) => p.variable)).toEqual(['ATLAS_PASSWORD']);
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_abc' }).map((p) => p.variable).sort()).toEqual(['STRIPE_PRICE_TIERS', 'STRIPE_WEBHOOK_SECRET']);
    expect(problemsOf({ TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnop' }).map((p) => p.variable)).toEqual(['TELEGRAM_BOT_TOKEN']);
  });

  it('refuses guessable webhook secrets, naming the variable', () => {
    const tg = { TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' };
    const short = problemsOf({ ...tg, TELEGRAM_WEBHOOK_SECRET: 'x' });
    expect(short.map((p) => p.variable)).toEqual(['TELEGRAM_WEBHOOK_SECRET']);
    expect(short[0]!.message).toMatch(/at least 16 characters/);
    expect(loadConfig({ ...tg, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(16) }).telegram?.webhookSecret).toBe('a'.repeat(16));
    const atlas = { ATLAS_URL: 'http://atlas:3000/api', ATLAS_EMAIL: 'bot@x.test', ATLAS_PASSWORD: 'p' };
    expect(problemsOf({ ...atlas, ATLAS_WEBHOOK_SECRET: 'whsec_1' }).map((p) => p.variable)).toEqual(['ATLAS_WEBHOOK_SECRET']);
    expect(loadConfig({ ...atlas, ATLAS_WEBHOOK_SECRET: 'whsec_0123456789abcdef' }).atlas?.webhookSecret).toBe('whsec_0123456789abcdef');
    expect(problemsOf({ ...atlas, ATLAS_WEBHOOK_SECRET: 'whsec_0123456789abcdef,whsec_2' }).map((p) => p.variable)).toEqual(['ATLAS_WEBHOOK_SECRET']);
    expect(() => loadConfig({ ...tg, TELEGRAM_WEBHOOK_SECRET: 'short' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it('checks STRIPE_PRICE_TIERS names real tiers', () => {
    const base = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' };
    expect(problemsOf({ ...base, STRIPE_PRICE_TIERS: 'price_1=gold' })[0]).toMatchObject({ variable: 'STRIPE_PRICE_TIERS' });
    expect(loadConfig({ ...base, STRIPE_PRICE_TIERS: 'price_1=starter, price_2=pro' }).stripe?.priceTiers).toEqual({ price_1: 'starter', price_2: 'pro' });
  });

  it('new Atlas accounts are Requesters unless ATLAS_DEFAULT_ROLE says otherwise; a bad role or bot username is named', () => {
    const atlas = { ATLAS_URL: 'http://atlas:3000/api', ATLAS_EMAIL: 'bot@x.test', ATLAS_PASSWORD: 'p' };
    expect(loadConfig(atlas).atlas?.defaultRole).toBe('REQUESTER');
    expect(loadConfig({ ...atlas, ATLAS_DEFAULT_ROLE: 'TECHNICIAN' }).atlas?.defaultRole).toBe('TECHNICIAN');
    expect(loadConfig({ TELEGRAM_BOT_USERNAME: '@rivet_bot' }).botUsername).toBe('rivet_bot');
    expect(problemsOf({ ...atlas, ATLAS_DEFAULT_ROLE: 'boss', TELEGRAM_BOT_USERNAME: 'no spaces' }).map((p) => p.variable).sort()).toEqual(['ATLAS_DEFAULT_ROLE', 'TELEGRAM_BOT_USERNAME']);
  });

  it('prefers the JWT path for Atlas when both credentials are given', () => {
    const config = loadConfig({ ATLAS_URL: 'http://atlas:3000/api/', ATLAS_API_KEY: 'k', ATLAS_EMAIL: 'bot@x.io', ATLAS_PASSWORD: 'pw' });
    expect(config.atlas?.url).toBe('http://atlas:3000/api');
    expect(config.atlas?.auth.kind).toBe('password');
  });

  it('never puts a secret value in the error message', () => {
    const secret = 'xoxb-very-secret-token';
    let message = '';
    try {
      loadConfig({ SLACK_BOT_TOKEN: secret });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('SLACK_SIGNING_SECRET');
    expect(message).not.toContain(secret);
  });

  it('who may use the bot: invite by default, the allow-list, allowed groups and the lookup limit, each checked', () => {
    const config = loadConfig({});
    expect(config.access).toEqual({ signup: 'invite', allowlist: { usernames: [], emails: [] }, lookupRule: { limit: 20, perMs: 600_000 } });
    const set = loadConfig({
      RIVET_SIGNUP: 'stripe', RIVET_ALLOWLIST: '@Ana_T, bo@plant.com', RIVET_LOOKUP_LIMIT: '5/1h',
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_ALLOWED_GROUPS: '-100123, -100456=Boiler crew',
    });
    expect(set.access).toEqual({ signup: 'stripe', allowlist: { usernames: ['ana_t'], emails: ['bo@plant.com'] }, lookupRule: { limit: 5, perMs: 3_600_000 } });
    expect([...set.telegram!.allowedGroups]).toEqual([['-100123', null], ['-100456', 'Boiler crew']]);
    expect(problemsOf({ RIVET_SIGNUP: 'everyone' }).map((p) => p.variable)).toEqual(['RIVET_SIGNUP']);
    expect(problemsOf({ RIVET_ALLOWLIST: 'ana' }).map((p) => p.variable)).toEqual(['RIVET_ALLOWLIST']);
    expect(problemsOf({ RIVET_LOOKUP_LIMIT: 'lots' }).map((p) => p.variable)).toEqual(['RIVET_LOOKUP_LIMIT']);
    expect(problemsOf({ TELEGRAM_ALLOWED_GROUPS: '12345' }).map((p) => p.variable)).toEqual(['TELEGRAM_ALLOWED_GROUPS']);
  });
});
