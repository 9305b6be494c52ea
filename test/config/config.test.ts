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
    expect(problemsOf({ TELEGRAM_WEBHOOK_SECRET: 'abc' }).map((p) => p.variable)).toEqual(['TELEGRAM_BOT_TOKEN']);
  });

  it('checks STRIPE_PRICE_TIERS names real tiers', () => {
    const base = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' };
    expect(problemsOf({ ...base, STRIPE_PRICE_TIERS: 'price_1=gold' })[0]).toMatchObject({ variable: 'STRIPE_PRICE_TIERS' });
    expect(loadConfig({ ...base, STRIPE_PRICE_TIERS: 'price_1=starter, price_2=pro' }).stripe?.priceTiers).toEqual({ price_1: 'starter', price_2: 'pro' });
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
});
