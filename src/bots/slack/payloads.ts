/**
 * The parts of Slack's payloads the adapter reads, checked with zod at the edge: a message event,
 * a block action, a message shortcut, a slash command. Anything else is logged and dropped.
 */
import { z } from 'zod';

const file = z.object({
  id: z.string(),
  name: z.string().nullish(),
  mimetype: z.string().nullish(),
  size: z.number().nullish(),
  url_private_download: z.string().nullish(),
  url_private: z.string().nullish(),
});

export const messageEvent = z.object({
  type: z.literal('message'),
  channel: z.string(),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  files: z.array(file).optional(),
});
export type MessageEvent = z.infer<typeof messageEvent>;

export const blockAction = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().optional(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ message_ts: z.string().optional(), thread_ts: z.string().optional(), is_ephemeral: z.boolean().optional(), channel_id: z.string().optional() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({
    action_id: z.string(),
    action_ts: z.string().optional(),
    value: z.string().optional(),
    text: z.object({ text: z.string() }).optional(),
    selected_option: z.object({ value: z.string(), text: z.object({ text: z.string() }).optional() }).optional(),
  })).min(1),
});
export type BlockAction = z.infer<typeof blockAction>;

export const messageShortcut = z.object({
  type: z.literal('message_action'),
  callback_id: z.string(),
  trigger_id: z.string(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional(), text: z.string().optional(), user: z.string().optional(), bot_id: z.string().optional() }),
});

export const slashCommand = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string(),
  channel_id: z.string(),
  trigger_id: z.string(),
});
