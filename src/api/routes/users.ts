/**
 * The admin API for people (the original design's endpoints): create a person from a Telegram
 * account or provision one by email, find and read them, change tier / role / crew / switched
 * off / where they work (homeLocationId), and invite someone with a one-time `t.me/<bot>?start=<token>` link.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { NotFoundError } from '../errors.js';
import { jsonBody, parseWith, query } from '../validation.js';
import { TIERS } from '../../core/model.js';
import type { Clock } from '../../core/ports.js';
import { ROLES, telegramStartLink, type Account, type AccountStore, type Provisioning } from '../../core/provisioning/index.js';

export interface UserRouteDeps {
  organizationId: string;
  accounts: AccountStore & { list(filter: { organizationId: string; email?: string; telegramId?: number }): Promise<Account[]> };
  provisioning: Provisioning;
  botUsername(): Promise<string | null>;
  clock: Clock;
}

const uuid = z.uuid('must be a Rivet user id (uuid)');
const email = z.string().trim().toLowerCase().pipe(z.email('must be an email address').max(254, 'is too long'));
const name = z.string().trim().min(1, 'must not be empty').max(120, 'is longer than 120 characters');
const tier = z.enum(TIERS, { error: `must be one of ${TIERS.join(', ')}` });
const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const crew = z.string().trim().min(1, 'must not be empty (use null to clear it)').max(60, 'is longer than 60 characters').nullable();
const telegramId = z.number({ error: 'must be a Telegram user id (a positive whole number)' }).int('must be a whole number').positive('must be positive').max(Number.MAX_SAFE_INTEGER);

const fromTelegramBody = z.strictObject({
  telegramId,
  username: z.string().trim().regex(/^[A-Za-z0-9_]{1,32}$/, 'must be a Telegram username without @').nullish(),
  displayName: name.optional(),
  language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code like en or es-MX').nullish(),
  email: email.optional(),
  tier: tier.optional(),
});
const provisionBody = z.strictObject({
  email,
  name: name.optional(),
  tier: tier.optional(),
  role: role.optional(),
  crew: crew.optional(),
  stripeCustomerId: z.string().regex(/^cus_[A-Za-z0-9]{1,200}$/, 'must be a Stripe customer id (cus_…)').optional(),
  stripeSubscriptionId: z.string().regex(/^sub_[A-Za-z0-9]{1,200}$/, 'must be a Stripe subscription id (sub_…)').optional(),
});
const inviteBody = z
  .strictObject({ email: email.optional(), name: name.optional(), tier: tier.optional(), role: role.optional(), crew: crew.optional() })
  .refine((b) => b.email || b.name, { message: 'give an email or a name (who the link is for)', path: ['email'] });
/** Where the person works: an Atlas location id (its site's machines come first when a name fits several); null clears it. */
const homeLocationId = z.number({ error: 'must be an Atlas location id (a positive whole number) or null' }).int('must be a whole number').positive('must be positive').max(2_147_483_647).nullable();
const patchBody = z
  .strictObject({ tier: tier.optional(), disabled: z.boolean({ error: 'must be true or false' }).optional(), role: role.optional(), crew: crew.optional(), homeLocationId: homeLocationId.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change: give tier, disabled, role, crew or homeLocationId', path: ['(body)'] });
const listQuery = z
  .strictObject({
    email: email.optional(),
    telegramId: z.string().regex(/^\d{1,16}$/, 'must be a Telegram user id (digits)').transform(Number).optional(),
  })
  .refine((q) => q.email !== undefined || q.telegramId !== undefined, { message: 'is required (or telegramId)', path: ['email'] });

export function userJson(a: Account) {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    tier: a.tier,
    role: a.role,
    crew: a.crew,
    disabled: a.disabledAt !== null,
    disabledAt: a.disabledAt?.toISOString() ?? null,
    telegramId: a.telegramId,
    telegramUsername: a.telegramUsername,
    language: a.language,
    stripeCustomerId: a.stripeCustomerId,
    stripeSubscriptionId: a.stripeSubscriptionId,
    atlasUserId: a.atlasUserId,
    homeLocationId: a.homeLocationId ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function userRoutes(deps: UserRouteDeps): Hono<AppEnv> {
  const mine = async (id: string) => {
    const a = await deps.accounts.get(parseWith(z.object({ id: uuid }), { id }).id);
    if (!a || a.organizationId !== deps.organizationId) throw new NotFoundError('No such user');
    return a;
  };
  const linkJson = async (link: { token: string; expiresAt: Date }) => {
    const bot = await deps.botUsername().catch(() => null);
    return { url: bot ? telegramStartLink(bot, link.token) : null, token: link.token, expiresAt: link.expiresAt.toISOString() };
  };

  return new Hono<AppEnv>()
    .post('/users/from-telegram', async (c) => {
      const b = await jsonBody(c, fromTelegramBody);
      const existing = await deps.accounts.byTelegramId(b.telegramId);
      if (existing) return c.json({ user: userJson(existing), created: false }, 200);
      const account = await deps.accounts.create({
        organizationId: deps.organizationId,
        telegramId: b.telegramId,
        telegramUsername: b.username ?? null,
        displayName: b.displayName ?? b.username ?? null,
        language: b.language ?? null,
        email: b.email ?? null,
        tier: b.tier ?? 'beta',
      }, deps.clock.now());
      return c.json({ user: userJson(account), created: true }, 201);
    })
    .post('/users/provision', async (c) => {
      const b = await jsonBody(c, provisionBody);
      const { stripeCustomerId, stripeSubscriptionId, ...person } = b;
      const done = await deps.provisioning.provision({ organizationId: deps.organizationId, ...person, source: 'api' });
      let account = done.account;
      if (stripeCustomerId || stripeSubscriptionId) {
        account = (await deps.accounts.update(account.id, { ...(stripeCustomerId ? { stripeCustomerId } : {}), ...(stripeSubscriptionId ? { stripeSubscriptionId } : {}) }, deps.clock.now())) ?? account;
      }
      return c.json({ user: userJson(account), created: done.created, link: await linkJson(done.link) }, done.created ? 201 : 200);
    })
    .get('/users', async (c) => {
      const q = query(c, listQuery);
      const found = await deps.accounts.list({ organizationId: deps.organizationId, ...q });
      return c.json(found.map(userJson));
    })
    .get('/users/:id', async (c) => c.json(userJson(await mine(c.req.param('id')))))
    .patch('/users/:id', async (c) => {
      const current = await mine(c.req.param('id'));
      const b = await jsonBody(c, patchBody);
      const now = deps.clock.now();
      const updated = await deps.accounts.update(current.id, {
        ...(b.tier ? { tier: b.tier } : {}),
        ...(b.role ? { role: b.role } : {}),
        ...(b.crew !== undefined ? { crew: b.crew } : {}),
        ...(b.homeLocationId !== undefined ? { homeLocationId: b.homeLocationId } : {}),
        ...(b.disabled !== undefined ? { disabledAt: b.disabled ? (current.disabledAt ?? now) : null } : {}),
      }, now);
      if (!updated) throw new NotFoundError('No such user');
      c.get('logger').info({ userId: updated.id, change: b }, 'user changed by admin');
      return c.json(userJson(updated));
    })
    .post('/invites', async (c) => {
      const b = await jsonBody(c, inviteBody);
      const done = await deps.provisioning.provision({ organizationId: deps.organizationId, ...b, source: 'invite' });
      return c.json({ user: userJson(done.account), created: done.created, link: await linkJson(done.link) }, 201);
    });
}
