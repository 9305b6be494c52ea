/**
 * /start: greets a newcomer (already a beta user by now), spends a one-time link token from a
 * Stripe sign-up, or, with `a_<asset id>` from a machine's QR sticker, starts a report on it.
 */
import { Composer } from 'grammy';
import { texts } from '../../../core/conversation/index.js';
import type { BotServices, RivetContext } from '../context.js';
import { displayName } from '../outcome.js';

const LINK_REPLIES = {
  used: 'This link was already used. If that was not you, ask your administrator for a new one.',
  expired: 'This link has expired (links last 7 days). Ask your administrator for a new one.',
  unknown: 'I don’t recognise this link. Check it, or ask your administrator for a new one.',
} as const;

export function startFeature({ deps, flow }: BotServices): Composer<RivetContext> {
  const c = new Composer<RivetContext>();
  c.command('start', async (ctx) => {
    const payload = ctx.match.trim();
    const r = ctx.rivet;
    const first = displayName(r.user).split(' ')[0] ?? 'there';
    const asset = /^a_(\d{1,12})$/.exec(payload);
    if (asset) {
      await r.step((f) => flow.reportOnAsset(f, Number(asset[1])));
      return;
    }
    if (!payload) {
      await r.reply(texts.welcome(first));
      return;
    }
    const result = await deps.repos.linkTokens.redeem(payload, ctx.from!.id, deps.clock.now());
    if (!result.ok) {
      r.log.info({ reason: result.reason }, 'link token refused');
      await r.reply(LINK_REPLIES[result.reason]);
      return;
    }
    const linked = await deps.telegramAccounts.link({
      userId: result.userId,
      telegramId: ctx.from!.id,
      username: ctx.from!.username ?? null,
      displayName: displayName(r.user),
      now: deps.clock.now(),
    });
    r.log.info({ userId: linked.id }, 'telegram account linked');
    await r.reply(`✅ Linked. Your Telegram is now connected to your Rivet account (${linked.tier}).\n\n${texts.welcome(displayName(linked).split(' ')[0] ?? first)}`);
  });
  return c;
}
