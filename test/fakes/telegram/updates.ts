/**
 * Builders of Telegram updates as the real Bot API delivers them to a webhook, so tests
 * and the bench post realistic JSON.
 */
export interface Person {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

let nextUpdateId = 500_000_000 + Math.floor(Math.random() * 1_000_000);
let nextMessageId = 1;

export const updateId = () => nextUpdateId++;

const now = () => Math.floor(Date.now() / 1000);

export function privateChat(p: Person) {
  return { id: p.id, type: 'private' as const, first_name: p.first_name, ...(p.username ? { username: p.username } : {}) };
}

export function groupChat(id: number, title = 'Boiler crew') {
  return { id, type: 'supergroup' as const, title };
}

type Chat = ReturnType<typeof privateChat> | ReturnType<typeof groupChat>;

function commandEntities(text: string) {
  const m = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : undefined;
}

/** A message update from a person, in their private chat unless `chat` is given. */
function messageUpdate(from: Person, content: Record<string, unknown>, chat?: Chat, update_id?: number) {
  return {
    update_id: update_id ?? updateId(),
    message: { message_id: nextMessageId++, from: { is_bot: false, ...from }, chat: chat ?? privateChat(from), date: now(), ...content },
  };
}

export function textUpdate(from: Person, text: string, opts: { chat?: Chat; replyTo?: { message_id: number; fromBot: { id: number; username: string } }; update_id?: number } = {}) {
  const entities = commandEntities(text) ?? [];
  const mention = /@[A-Za-z0-9_]{5,}/.exec(text);
  if (mention && !text.startsWith('/')) entities.push({ type: 'mention', offset: mention.index, length: mention[0].length });
  return messageUpdate(
    from,
    {
      text,
      ...(entities.length ? { entities } : {}),
      ...(opts.replyTo
        ? {
            reply_to_message: {
              message_id: opts.replyTo.message_id,
              from: { id: opts.replyTo.fromBot.id, is_bot: true, first_name: 'Rivet', username: opts.replyTo.fromBot.username },
              chat: opts.chat ?? privateChat(from),
              date: now(),
              text: '…',
            },
          }
        : {}),
    },
    opts.chat,
    opts.update_id,
  );
}

export function callbackUpdate(from: Person, data: string, message: { message_id: number; chatId: number }, opts: { id?: string; update_id?: number } = {}) {
  return {
    update_id: opts.update_id ?? updateId(),
    callback_query: {
      id: opts.id ?? `cb${nextUpdateId}${Math.floor(Math.random() * 1e6)}`,
      from: { is_bot: false, ...from },
      chat_instance: '42',
      data,
      message: {
        message_id: message.message_id,
        from: { id: 123456, is_bot: true, first_name: 'Rivet' },
        chat: message.chatId < 0 ? groupChat(message.chatId) : privateChat({ ...from, id: message.chatId }),
        date: now(),
        text: '…',
      },
    },
  };
}

export function photoUpdate(from: Person, fileId: string, opts: { caption?: string; size?: number; chat?: Chat } = {}) {
  return messageUpdate(from, {
    photo: [
      { file_id: `${fileId}-small`, file_unique_id: `s${fileId}`, width: 90, height: 90, file_size: 1000 },
      { file_id: fileId, file_unique_id: `u${fileId}`, width: 1280, height: 960, file_size: opts.size ?? 50_000 },
    ],
    ...(opts.caption ? { caption: opts.caption } : {}),
  }, opts.chat);
}

export function voiceUpdate(from: Person, fileId: string, opts: { size?: number; duration?: number } = {}) {
  return messageUpdate(from, {
    voice: { file_id: fileId, file_unique_id: `u${fileId}`, duration: opts.duration ?? 4, mime_type: 'audio/ogg', file_size: opts.size ?? 8000 },
  });
}

export function stickerUpdate(from: Person) {
  return messageUpdate(from, {
    sticker: { file_id: 'stk', file_unique_id: 'ustk', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
  });
}

export function editedMessageUpdate(from: Person, text: string) {
  return {
    update_id: updateId(),
    edited_message: { message_id: nextMessageId++, from: { is_bot: false, ...from }, chat: privateChat(from), date: now(), edit_date: now(), text },
  };
}

export function channelPostUpdate(text: string) {
  return {
    update_id: updateId(),
    channel_post: { message_id: nextMessageId++, chat: { id: -1009999, type: 'channel', title: 'News' }, date: now(), text },
  };
}

/** The service message Telegram sends when `from` adds the bot to a group. */
export function addedToGroupUpdate(from: Person, chat: ReturnType<typeof groupChat>, bot: { id: number; username: string }) {
  return messageUpdate(from, { new_chat_members: [{ id: bot.id, is_bot: true, first_name: 'Rivet', username: bot.username }] }, chat);
}
