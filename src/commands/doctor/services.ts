/** Doctor's checks of the outside services: each asks one harmless question and explains the answer. */
import pino from 'pino';
import type { Config } from '../../config/config.js';
import { createAtlasClient, AtlasAuthError, AtlasLicenseError, AtlasNetworkError, AtlasError } from '../../integrations/atlas/index.js';
import { fail, hostOf, networkCode, off, ok, warn, type CheckDeps, type CheckResult } from './types.js';

async function getJson(deps: CheckDeps, url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await deps.fetch(url, { ...init, signal: AbortSignal.timeout(deps.timeoutMs) });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

export async function checkAtlas(config: Config, deps: CheckDeps): Promise<CheckResult> {
  const atlas = config.atlas;
  if (!atlas) return off('atlas', 'ATLAS_URL not set: reports are kept and wait until Atlas is configured');
  const client = createAtlasClient({ baseUrl: atlas.url, auth: atlas.auth, logger: pino({ level: 'silent' }), timeoutMs: deps.timeoutMs, retry: { attempts: 1 }, fetch: deps.fetch });
  try {
    const me = await client.me();
    const role = me.role;
    const who = `signed in to ${hostOf(atlas.url)} as ${me.email}, role ${role?.name ?? role?.code ?? 'none'}`;
    const can = (p: string) => role?.createPermissions.includes(p) ?? false;
    if (!can('WORK_ORDERS')) {
      return fail('atlas', `${who}: this role cannot create work orders`, "in Atlas's web app (People & Teams), give Rivet's user the Administrator role (or Technician at least)");
    }
    const missing = [
      ...(can('PEOPLE_AND_TEAMS') ? [] : ['create Atlas users for new people (invites, Stripe sign-ups)']),
      ...(can('SETTINGS') ? [] : ['register webhooks (Rivet polls for status changes instead)']),
    ];
    if (missing.length) {
      return warn('atlas', `${who}: it cannot ${missing.join(', nor ')}`, "give Rivet's user the Administrator role in Atlas's web app (People & Teams) if you need these");
    }
    return ok('atlas', who);
  } catch (err) {
    if (err instanceof AtlasAuthError && err.reason === 'wrong_url') {
      const suggestion = /\/api$/.test(atlas.url) ? 'check ATLAS_URL: it must be the address of Atlas\'s API' : `set ATLAS_URL=${atlas.url}/api (Atlas's API usually lives under /api)`;
      return fail('atlas', `${atlas.url} answered 404 to sign-in: that is not Atlas's API`, suggestion);
    }
    if (err instanceof AtlasAuthError) {
      return fail('atlas', `Atlas refused Rivet's credentials (${err.reason}${err.atlasMessage ? `: ${err.atlasMessage}` : ''})`,
        atlas.auth.kind === 'password'
          ? "sign in to Atlas's web app with ATLAS_EMAIL and ATLAS_PASSWORD to check them; reset the password there if needed"
          : 'create a new API key in Atlas (Settings → API keys) and put it in ATLAS_API_KEY, or use ATLAS_EMAIL and ATLAS_PASSWORD');
    }
    if (err instanceof AtlasLicenseError) return fail('atlas', err.message, err.hint);
    if (err instanceof AtlasNetworkError) {
      return fail('atlas', `cannot reach Atlas at ${hostOf(atlas.url)} (${err.cause ? networkCode(err.cause) : err.failure})`, `check ATLAS_URL and that this machine reaches it: curl ${atlas.url}/health-check`);
    }
    return fail('atlas', err instanceof AtlasError ? err.message : networkCode(err), 'check ATLAS_URL and the Atlas server');
  }
}

export async function checkTelegram(config: Config, deps: CheckDeps): Promise<CheckResult[]> {
  const tg = config.telegram;
  if (!tg) return [off('telegram', 'TELEGRAM_BOT_TOKEN not set: no Telegram bot')];
  const call = (method: string) => getJson(deps, `${tg.apiRoot}/bot${tg.token}/${method}`, { method: 'POST' });
  let bot: { status: number; body: any };
  try {
    bot = await call('getMe');
  } catch (err) {
    return [fail('telegram', `cannot reach ${hostOf(tg.apiRoot)} (${networkCode(err)})`, 'this machine must reach api.telegram.org over HTTPS (proxy, firewall, DNS)')];
  }
  if (bot.status === 401 || bot.status === 404) {
    return [fail('telegram', 'Telegram refused TELEGRAM_BOT_TOKEN (Unauthorized)', 'copy the token again from @BotFather: /mybots → your bot → API Token')];
  }
  if (!bot.body?.ok) return [fail('telegram', `getMe failed: ${bot.body?.description ?? bot.status}`, 'check TELEGRAM_BOT_TOKEN')];
  const results = [ok('telegram', `bot @${bot.body.result.username}`)];

  const info = (await call('getWebhookInfo').catch(() => null))?.body?.result as { url?: string; last_error_message?: string; pending_update_count?: number } | undefined;
  if (!tg.webhookSecret) {
    results.push(ok('telegram webhook', 'none: long polling (no TELEGRAM_WEBHOOK_SECRET); Rivet removes any webhook when it starts'));
    return results;
  }
  if (!config.publicUrl) {
    results.push(fail('telegram webhook', 'TELEGRAM_WEBHOOK_SECRET is set but PUBLIC_URL is not', 'set PUBLIC_URL to the HTTPS address Telegram reaches Rivet at, or unset TELEGRAM_WEBHOOK_SECRET for long polling'));
    return results;
  }
  const expected = `${config.publicUrl}/telegram/webhook`;
  if (!info) results.push(warn('telegram webhook', 'getWebhookInfo did not answer', 'try again; then run `rivet telegram:set-webhook`'));
  else if (!info.url) results.push(warn('telegram webhook', 'no webhook registered: Telegram delivers nothing', 'run `rivet telegram:set-webhook`'));
  else if (info.url !== expected) results.push(warn('telegram webhook', `Telegram delivers to ${info.url}, not ${expected}`, 'run `rivet telegram:set-webhook`'));
  else if (info.last_error_message) {
    results.push(warn('telegram webhook', `${expected}: Telegram's last delivery failed: ${info.last_error_message} (${info.pending_update_count ?? 0} waiting)`,
      'PUBLIC_URL must be reachable from the internet over HTTPS with a valid certificate, and the proxy must forward /telegram/webhook to Rivet'));
  } else results.push(ok('telegram webhook', `${expected} (${info.pending_update_count ?? 0} updates waiting)`));
  return results;
}

export async function checkSlack(config: Config, deps: CheckDeps): Promise<CheckResult> {
  const slack = config.slack;
  if (!slack) return off('slack', 'SLACK_BOT_TOKEN not set: no Slack oversight');
  try {
    const { body } = await getJson(deps, `${slack.apiUrl}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${slack.botToken}` } });
    if (body?.ok) return ok('slack', `signed in as @${body.user} in ${body.team}`);
    const error = body?.error ?? 'no answer';
    return fail('slack', `Slack refused SLACK_BOT_TOKEN (${error})`,
      error === 'invalid_auth' || error === 'token_revoked' || error === 'account_inactive'
        ? "install the app again (api.slack.com/apps → your app → Install App) and copy the Bot User OAuth Token (xoxb-…)"
        : 'check SLACK_BOT_TOKEN');
  } catch (err) {
    return fail('slack', `cannot reach ${hostOf(slack.apiUrl)} (${networkCode(err)})`, 'this machine must reach slack.com over HTTPS');
  }
}

export async function checkStripe(config: Config, deps: CheckDeps): Promise<CheckResult> {
  const stripe = config.stripe;
  if (!stripe) return off('stripe', 'STRIPE_SECRET_KEY not set: no paid sign-up');
  const base = (stripe.apiBase ?? 'https://api.stripe.com').replace(/\/+$/, '');
  const mode = stripe.secretKey.includes('_live_') ? 'live' : 'test';
  const prices = Object.keys(stripe.priceTiers);
  try {
    const problems: string[] = [];
    for (const price of prices) {
      const { status, body } = await getJson(deps, `${base}/v1/prices/${encodeURIComponent(price)}`, { headers: { authorization: `Bearer ${stripe.secretKey}` } });
      if (status === 401) return fail('stripe', 'Stripe refused STRIPE_SECRET_KEY', 'copy the secret key again from the Stripe dashboard (Developers → API keys)');
      if (status === 404) problems.push(`${price} does not exist in this account's ${mode} mode`);
      else if (status >= 400) problems.push(`${price}: ${body?.error?.message ?? status}`);
      else if (body?.active === false) problems.push(`${price} is archived`);
    }
    if (problems.length) {
      return fail('stripe', problems.join('; '), `fix STRIPE_PRICE_TIERS with price ids from Products in the Stripe dashboard (${mode} mode: a ${mode} key sees ${mode} prices only)`);
    }
    return ok('stripe', `${mode} key works; ${prices.length} price${prices.length === 1 ? '' : 's'} found`);
  } catch (err) {
    return fail('stripe', `cannot reach ${hostOf(base)} (${networkCode(err)})`, 'this machine must reach api.stripe.com over HTTPS');
  }
}

export async function checkPublicUrl(config: Config, deps: CheckDeps): Promise<CheckResult> {
  const url = config.publicUrl;
  if (!url) {
    return config.slack || config.stripe
      ? warn('public url', 'PUBLIC_URL not set: Slack and Stripe cannot send Rivet their events', 'set PUBLIC_URL to the HTTPS address of Rivet (docs/setup.md, "PUBLIC_URL and HTTPS")')
      : off('public url', 'PUBLIC_URL not set: Telegram by long polling, nothing needs to reach Rivet');
  }
  const https = url.startsWith('https://');
  try {
    const { status, body } = await getJson(deps, `${url}/health`);
    const isRivet = body && typeof body === 'object' && 'status' in body && 'checks' in body;
    if (isRivet && !https) return warn('public url', `${url} reaches Rivet, but over plain HTTP`, 'Telegram and Slack deliver only to HTTPS: put Rivet behind a reverse proxy with a certificate (docs/setup.md)');
    if (isRivet) return ok('public url', `${url} reaches Rivet (/health ${status})`);
    if (status === 502 || status === 503 || status === 504) {
      return warn('public url', `${url} answers ${status}: the proxy is there but Rivet is not answering behind it`, 'start Rivet, and check the proxy forwards to Rivet\'s PORT');
    }
    return warn('public url', `${url}/health answers ${status}, and not as Rivet`, 'the reverse proxy must forward every path to Rivet (docs/setup.md has Caddy and nginx examples)');
  } catch (err) {
    const code = networkCode(err);
    const tls = /CERT|SSL|TLS/i.test(code);
    return fail('public url', `cannot reach ${url} from here (${code})`,
      tls ? 'the certificate is not valid: let the proxy get one (Caddy does it by itself) for exactly this host name' : 'check the DNS name, that ports 80/443 are open, and that the reverse proxy runs');
  }
}
