/**
 * `/api/groups`: the group chats the bot may work in (allowed_chats). Elsewhere it says so once
 * and leaves (core/conversation/engine.ts). Groups allowed by TELEGRAM_ALLOWED_GROUPS are listed
 * too, marked `source: "config"`, and are changed in the configuration, not here.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { jsonBody, parseWith, query } from '../validation.js';
import type { AllowedChatRepository, AllowedChatRow } from '../../db/repositories/allowed-chats.js';

const channel = z.enum(['telegram', 'slack']).default('telegram');
const telegramGroup = /^-\d{1,20}$/;
const slackChannel = /^[CG][A-Z0-9]{6,20}$/;

const allowBody = z
  .object({
    channel,
    /** Telegram group ids are negative (-100… for supergroups); numbers are accepted as given. */
    chatId: z.union([z.string().trim(), z.number().int().transform(String)]),
    title: z.string().trim().min(1).max(200, 'is longer than 200 characters').optional(),
    crew: z.string().trim().min(1, 'must not be empty').max(80, 'is longer than 80 characters').optional(),
    allowedBy: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => (b.channel === 'telegram' ? telegramGroup.test(b.chatId) : slackChannel.test(b.chatId)), {
    message: 'must be a group chat id: a negative number for Telegram, a channel id (C…/G…) for Slack',
    path: ['chatId'],
  });

const chatIdParam = z.string().regex(/^(-\d{1,20}|[CG][A-Z0-9]{6,20})$/, 'must be a group chat id');

export interface GroupRouteDeps {
  chats: AllowedChatRepository;
  organizationId: string;
  /** TELEGRAM_ALLOWED_GROUPS: chat id → crew. */
  configured: ReadonlyMap<string, string | null>;
}

const view = (r: AllowedChatRow) => ({ channel: r.channel, chatId: r.chatId, title: r.title, crew: r.crew, allowedBy: r.allowedBy, createdAt: r.createdAt, source: 'api' as const });

export function groupRoutes(deps: GroupRouteDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/groups', async (c) => {
      const rows = (await deps.chats.list(deps.organizationId)).map(view);
      const known = new Set(rows.filter((r) => r.channel === 'telegram').map((r) => r.chatId));
      const configured = [...deps.configured].filter(([id]) => !known.has(id)).map(([chatId, crew]) => ({ channel: 'telegram' as const, chatId, title: null, crew, allowedBy: 'TELEGRAM_ALLOWED_GROUPS', createdAt: null, source: 'config' as const }));
      return c.json([...configured, ...rows]);
    })
    .post('/groups', async (c) => {
      const body = await jsonBody(c, allowBody);
      const { chat, created } = await deps.chats.allow({
        organizationId: deps.organizationId,
        channel: body.channel,
        chatId: body.chatId,
        title: body.title ?? null,
        crew: body.crew ?? null,
        allowedBy: body.allowedBy ?? 'api',
      });
      c.get('logger')?.info({ channel: chat.channel, chatId: chat.chatId, crew: chat.crew }, created ? 'group allowed' : 'allowed group updated');
      return c.json(view(chat), created ? 201 : 200);
    })
    .delete('/groups/:chatId', async (c) => {
      const chatId = parseWith(chatIdParam, c.req.param('chatId'));
      const { channel: ch } = query(c, z.object({ channel }));
      if (ch === 'telegram' && deps.configured.has(chatId)) {
        throw new ConflictError('configured_group', 'This group is allowed by TELEGRAM_ALLOWED_GROUPS; remove it there');
      }
      if (!(await deps.chats.remove(deps.organizationId, ch, chatId))) throw new NotFoundError('No such allowed group');
      c.get('logger')?.info({ channel: ch, chatId }, 'group no longer allowed');
      return c.body(null, 204);
    });
}
