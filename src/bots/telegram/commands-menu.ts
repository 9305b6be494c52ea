/**
 * The command menu Telegram shows next to the text field, registered with setMyCommands: English
 * by default, and in Spanish, Portuguese and German for people whose Telegram is set to those.
 */
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';

const menu = (mine: string, status: string, site: string, cancel: string, language: string, help: string, start: string): BotCommand[] => [
  { command: 'mine', description: mine },
  { command: 'status', description: status },
  { command: 'site', description: site },
  { command: 'cancel', description: cancel },
  { command: 'language', description: language },
  { command: 'help', description: help },
  { command: 'start', description: start },
];

export const BOT_COMMANDS: BotCommand[] = menu('My work orders', 'Status of a work order, e.g. /status 42', 'Where you work, e.g. /site Eastgate DC', 'Drop what we are doing', 'Reply language', 'What I can do', 'Start');

export const LOCALIZED_COMMANDS: Record<'es' | 'pt' | 'de', BotCommand[]> = {
  es: menu('Mis órdenes de trabajo', 'Estado de una orden, p. ej. /status 42', 'Dónde trabajas, p. ej. /site Eastgate DC', 'Dejar lo que estamos haciendo', 'Idioma de las respuestas', 'Lo que puedo hacer', 'Empezar'),
  pt: menu('Minhas ordens de serviço', 'Status de uma ordem, por ex. /status 42', 'Onde você trabalha, por ex. /site Eastgate DC', 'Largar o que estamos fazendo', 'Idioma das respostas', 'O que posso fazer', 'Começar'),
  de: menu('Meine Arbeitsaufträge', 'Status eines Auftrags, z. B. /status 42', 'Wo du arbeitest, z. B. /site Eastgate DC', 'Abbrechen, was wir gerade tun', 'Sprache der Antworten', 'Was ich kann', 'Start'),
};

export async function registerCommands(api: Api): Promise<void> {
  await api.setMyCommands(BOT_COMMANDS);
  await api.setMyCommands(BOT_COMMANDS, { scope: { type: 'all_group_chats' } });
  for (const [language_code, commands] of Object.entries(LOCALIZED_COMMANDS)) {
    await api.setMyCommands(commands, { language_code: language_code as keyof typeof LOCALIZED_COMMANDS });
  }
}
