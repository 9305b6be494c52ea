/** The command menu Telegram shows next to the text field, registered with setMyCommands. */
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';

export const BOT_COMMANDS: BotCommand[] = [
  { command: 'mine', description: 'My work orders' },
  { command: 'status', description: 'Status of a work order, e.g. /status 42' },
  { command: 'site', description: 'Where you work, e.g. /site Eastgate DC' },
  { command: 'cancel', description: 'Drop what we are doing' },
  { command: 'help', description: 'What I can do' },
  { command: 'start', description: 'Start' },
];

export async function registerCommands(api: Api): Promise<void> {
  await api.setMyCommands(BOT_COMMANDS);
  await api.setMyCommands(BOT_COMMANDS, { scope: { type: 'all_group_chats' } });
}
