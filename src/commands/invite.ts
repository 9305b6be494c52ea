/**
 * `rivet invite --email x@y [--name "Ana Lopez"] [--tier pro] [--role supervisor] [--crew boilers]`:
 * adds (or finds, by email) a person and prints a one-time `https://t.me/<bot>?start=<token>`
 * link for them. Works without the service running: the person's Atlas account is written to
 * the outbox and created by the workers when they next sweep it.
 */
import { parseArgs } from 'node:util';
import { Api } from 'grammy';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createBotUsername } from '../bots/telegram/index.js';
import type { Config } from '../config/config.js';
import { TIERS } from '../core/model.js';
import { createProvisioning, ROLES, telegramStartLink } from '../core/provisioning/index.js';
import { createOutboxRepository } from '../db/repositories/outbox.js';
import { createAccountStore, createLinkIssuer } from '../db/stores/accounts.js';
import { jobIdFor, QUEUES } from '../jobs/names.js';
import { PROVISIONING_JOBS } from '../jobs/handlers/stripe-events.js';
import { openData } from '../wiring/database.js';

const USAGE = 'Usage: rivet invite --email x@y [--name "Ana Lopez"] [--tier beta|starter|pro|enterprise] [--role technician|supervisor|admin] [--crew NAME]\n';

const options = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('--email: not an email address')).optional(),
  name: z.string().trim().min(1).max(120, '--name: longer than 120 characters').optional(),
  tier: z.enum(TIERS, { error: `--tier: one of ${TIERS.join(', ')}` }).optional(),
  role: z.enum(ROLES, { error: `--role: one of ${ROLES.join(', ')}` }).optional(),
  crew: z.string().trim().min(1).max(60, '--crew: longer than 60 characters').optional(),
}).refine((o) => o.email || o.name, { message: '--email (or at least --name) is required' });

export async function inviteCommand(args: string[], deps: { config: Config; logger: Logger; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  let parsed: z.infer<typeof options>;
  try {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, tier: { type: 'string' }, role: { type: 'string' }, crew: { type: 'string' } }, strict: true });
    const r = options.safeParse(values);
    if (!r.success) {
      deps.stderr.write(`rivet invite: ${r.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
      return 64;
    }
    parsed = r.data;
  } catch (err) {
    deps.stderr.write(`rivet invite: ${(err as Error).message}\n${USAGE}`);
    return 64;
  }
  const { config } = deps;
  const data = await openData(config, deps.logger);
  try {
    const db = data.database.db;
    const outbox = createOutboxRepository(db);
    const provisioning = createProvisioning({
      accounts: createAccountStore(db),
      links: createLinkIssuer(db),
      priceTiers: config.stripe?.priceTiers ?? {},
      clock: { now: () => new Date() },
      logger: deps.logger,
      followUps: {
        async createAtlasAccount(account) {
          await outbox.write([{ jobId: jobIdFor(PROVISIONING_JOBS.atlasAccount, account.id), organizationId: account.organizationId, queue: QUEUES.provisioning, name: PROVISIONING_JOBS.atlasAccount, payload: { userId: account.id }, priority: 0 }]);
        },
        async tellPerson() {},
      },
    });
    const done = await provisioning.provision({ organizationId: data.organization.id, ...parsed, source: 'invite' });
    const api = config.telegram ? new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot }) : null;
    const bot = await createBotUsername({ configured: config.botUsername, api })().catch((err: Error) => {
      deps.stderr.write(`rivet invite: could not ask Telegram for the bot's username (${err.message}); set TELEGRAM_BOT_USERNAME\n`);
      return null;
    });
    const who = done.account.displayName ?? done.account.email ?? done.account.id;
    deps.stderr.write(`${done.created ? 'Added' : 'Found'} ${who} (${done.account.tier}); the link works once, until ${done.link.expiresAt.toISOString().slice(0, 10)}.\n`);
    if (bot) deps.stdout.write(`${telegramStartLink(bot, done.link.token)}\n`);
    else deps.stdout.write(`/start ${done.link.token}\n`);
    return bot ? 0 : 69; // EX_UNAVAILABLE: the person can still type the /start line
  } finally {
    await data.database.close();
  }
}
