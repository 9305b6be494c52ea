/**
 * The demo's "platform": what Telegram's and Slack's servers are for the real adapters. It keeps
 * each chat's messages (a technician's chat, the supervisors' channel with its threads), numbers
 * them, applies edits, holds the photos people upload until the adapter fetches them, and tells
 * the open pages what changed (server-sent events, api/routes/demo.ts). In memory and bounded:
 * the demo is one process, and a restart starts every chat afresh.
 */
import { randomUUID } from 'node:crypto';
import type { InlineButton, InlineMenu } from '../../core/ports.js';

export type DemoAuthor = 'person' | 'bot' | 'supervisor';

export interface DemoMessage {
  id: string;
  chatId: string;
  from: DemoAuthor;
  /** Who wrote it, as the page names them ("Rivet", "Ana (demo)"). */
  author: string;
  text: string;
  buttons?: InlineButton[][];
  menus?: InlineMenu[];
  /** Smaller lines under the text (a thread card's state). */
  context?: string[];
  /** In the supervisors' channel: the thread's first message this one answers; null for a first message. */
  threadId?: string | null;
  /** Only this supervisor sees it (a note on something they did). */
  onlyFor?: string | null;
  /** A photo the person sent: where the page shows it from. */
  photoUrl?: string | null;
  edited?: boolean;
  at: string;
}

export type DemoEvent =
  | { type: 'message'; message: DemoMessage }
  | { type: 'edit'; message: DemoMessage }
  /** A tap was answered: `text` is the short answer to show, '' just stops the spinner. */
  | { type: 'toast'; chatId: string; messageId: string | null; text: string };

export interface DemoUpload {
  data: Uint8Array;
  mimeType: string;
  fileName: string | null;
}

export interface DemoHub {
  post(message: Omit<DemoMessage, 'id' | 'at'>): DemoMessage;
  /** Replaces a message's text and controls; null when the message is gone (never existed, or evicted). */
  edit(chatId: string, id: string, change: Pick<DemoMessage, 'text'> & Partial<Pick<DemoMessage, 'buttons' | 'menus' | 'context'>>): DemoMessage | null;
  get(chatId: string, id: string): DemoMessage | null;
  toast(chatId: string, messageId: string | null, text: string): void;
  history(chatId: string): DemoMessage[];
  /** Calls `listener` with every event of these chats until the returned function is called. */
  subscribe(chatIds: string[], listener: (event: DemoEvent) => void): () => void;
  /** Holds an uploaded file until the adapter fetches it; its id. */
  upload(file: DemoUpload): string;
  file(id: string): DemoUpload | null;
  /** Ends every subscription (shutdown); `closed` settles then. */
  close(): void;
  readonly closed: Promise<void>;
}

export const HUB_LIMITS = { messagesPerChat: 300, chats: 500, uploads: 40, uploadBytes: 100 * 1024 * 1024 };

export function createDemoHub(opts: { now?: () => Date; limits?: Partial<typeof HUB_LIMITS> } = {}): DemoHub {
  const now = opts.now ?? (() => new Date());
  const limits = { ...HUB_LIMITS, ...opts.limits };
  const chats = new Map<string, DemoMessage[]>();
  const listeners = new Map<string, Set<(event: DemoEvent) => void>>();
  const uploads = new Map<string, DemoUpload>();
  let uploadBytes = 0;
  let nextId = 1;
  let settle: () => void = () => {};
  const closed = new Promise<void>((resolve) => (settle = resolve));

  function chat(chatId: string): DemoMessage[] {
    let messages = chats.get(chatId);
    if (!messages) {
      if (chats.size >= limits.chats) chats.delete(chats.keys().next().value!);
      messages = [];
      chats.set(chatId, messages);
    }
    return messages;
  }

  function emit(chatId: string, event: DemoEvent): void {
    for (const listener of listeners.get(chatId) ?? []) {
      try {
        listener(event);
      } catch {
        // A page that went away must not stop the others.
      }
    }
  }

  const copy = (m: DemoMessage): DemoMessage => structuredClone(m);

  return {
    post(message) {
      const stored: DemoMessage = { ...message, id: String(nextId++), at: now().toISOString() };
      const messages = chat(message.chatId);
      messages.push(stored);
      if (messages.length > limits.messagesPerChat) messages.splice(0, messages.length - limits.messagesPerChat);
      emit(message.chatId, { type: 'message', message: copy(stored) });
      return copy(stored);
    },
    edit(chatId, id, change) {
      const found = chats.get(chatId)?.find((m) => m.id === id);
      if (!found) return null;
      found.text = change.text;
      found.buttons = change.buttons ?? [];
      found.menus = change.menus ?? [];
      if (change.context) found.context = change.context;
      found.edited = true;
      emit(chatId, { type: 'edit', message: copy(found) });
      return copy(found);
    },
    get(chatId, id) {
      const found = chats.get(chatId)?.find((m) => m.id === id);
      return found ? copy(found) : null;
    },
    toast(chatId, messageId, text) {
      emit(chatId, { type: 'toast', chatId, messageId, text });
    },
    history(chatId) {
      return (chats.get(chatId) ?? []).map(copy);
    },
    subscribe(chatIds, listener) {
      for (const id of chatIds) {
        let set = listeners.get(id);
        if (!set) listeners.set(id, (set = new Set()));
        set.add(listener);
      }
      return () => {
        for (const id of chatIds) {
          const set = listeners.get(id);
          set?.delete(listener);
          if (set?.size === 0) listeners.delete(id);
        }
      };
    },
    upload(file) {
      const id = randomUUID();
      uploads.set(id, file);
      uploadBytes += file.data.length;
      while (uploads.size > limits.uploads || (uploadBytes > limits.uploadBytes && uploads.size > 1)) {
        const [oldest, gone] = uploads.entries().next().value!;
        uploads.delete(oldest);
        uploadBytes -= gone.data.length;
      }
      return id;
    },
    file(id) {
      return uploads.get(id) ?? null;
    },
    close() {
      listeners.clear();
      settle();
    },
    closed,
  };
}
