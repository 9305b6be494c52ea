/**
 * A local fake of the Telegram Bot API, speaking its HTTP protocol: POST /bot<token>/<method>
 * with JSON (or form) parameters, answering `{ ok, result }` or `{ ok: false, error_code,
 * description, parameters }`; file downloads at /file/bot<token>/<path>. Every call is recorded
 * so tests can assert on what the bot said. Point the bot at it with TELEGRAM_API_ROOT.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  params: Record<string, any>;
  at: number;
}

export interface FakeMessage {
  message_id: number;
  chat: { id: number; type: string };
  date: number;
  text?: string;
  reply_markup?: unknown;
  edited?: boolean;
}

export interface FakeFile {
  fileId: string;
  data: Uint8Array;
  /** Reported size; defaults to data.length (set larger to test the 20 MB rule without 20 MB). */
  size?: number;
}

export interface FakeTelegramOptions {
  port?: number;
  token?: string;
  botUsername?: string;
  botId?: number;
  /** Artificial latency of every method call. */
  latencyMs?: number;
  /**
   * Enforce Telegram's flood limits on sending methods, answering 429 with retry_after like the
   * real API: at most `globalPerS` messages in any second, one per `privateChatMs` in a private
   * chat, `groupPerMin` a minute in a group. `toleranceMs` forgives that much network jitter.
   * Off unless given (tests send quickly on purpose).
   */
  limits?: Partial<TelegramLimits>;
}

export interface TelegramLimits {
  globalPerS: number;
  privateChatMs: number;
  groupPerMin: number;
  toleranceMs: number;
}
export const TELEGRAM_LIMITS: TelegramLimits = { globalPerS: 30, privateChatMs: 1_000, groupPerMin: 20, toleranceMs: 50 };

/** What the fake saw of the sending methods: their times, the most in any one second, the 429s it answered. */
export interface SendStats {
  sent: number;
  peakPerS: number;
  rejected429: number;
}

export interface FakeTelegram {
  apiRoot: string;
  token: string;
  bot: { id: number; username: string; first_name: string };
  calls: RecordedCall[];
  /** Messages as they stand now (edits applied), in the order they were first sent. */
  sentMessages(chatId: number | string): FakeMessage[];
  /** Every answerCallbackQuery call's parameters. */
  answers: Record<string, any>[];
  /** Chats the bot left (leaveChat), in order. */
  left: string[];
  callsOf(method: string): RecordedCall[];
  /** The next call (of `method`, or of any sending method) answers 429 with retry_after. */
  failNext429(retryAfterS: number, method?: string): void;
  /** The next call (of `method`, or any) answers with this error. */
  failNext(errorCode: 400 | 403 | 500 | 502, description: string, method?: string): void;
  /** Chats that blocked the bot: every send to them answers 403. */
  blockChat(chatId: number | string): void;
  addFile(file: FakeFile): void;
  /** Queues an update for getUpdates (long polling), answered with offset semantics. */
  queueUpdate(update: { update_id: number }): void;
  /** Sends accepted, the most accepted within any one second, and 429s answered (see `limits`). */
  sendStats(): SendStats;
  /** Resolves when `count` calls of `method` have been recorded (or rejects after timeoutMs). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  reset(): void;
  close(): Promise<void>;
}

const SENDING = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'sendChatAction', 'sendPhoto', 'sendDocument']);
const MAX_DOWNLOAD = 20 * 1024 * 1024;

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = opts.token ?? '123456:FAKE-token-for-tests_abcdefghij';
  const bot = { id: opts.botId ?? 123456, is_bot: true, username: opts.botUsername ?? 'rivet_test_bot', first_name: 'Rivet' };
  const calls: RecordedCall[] = [];
  const answers: Record<string, any>[] = [];
  const left: string[] = [];
  const messages = new Map<string, FakeMessage[]>();
  const files = new Map<string, FakeFile & { path: string }>();
  const blocked = new Set<string>();
  const pending: { update_id: number }[] = [];
  const pollers: (() => void)[] = [];
  let faults: { method?: string; code: number; description: string; retryAfter?: number }[] = [];
  let nextMessageId = 1000;
  /** What setWebhook registered, as getWebhookInfo reports it. */
  let webhookUrl = '';
  const waiters: { method: string; count: number; resolve: (c: RecordedCall[]) => void }[] = [];

  const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });
  const fail = (code: number, description: string, parameters?: Record<string, unknown>) => ({
    status: code,
    body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
  });

  function chatOf(id: unknown) {
    const n = Number(id);
    return { id: n, type: n < 0 ? 'supergroup' : 'private' };
  }

  const limits = opts.limits ? { ...TELEGRAM_LIMITS, ...opts.limits } : null;
  /** Times (ms) of accepted sends: all of them, and per chat the recent ones. */
  const sentAt: number[] = [];
  const chatSends = new Map<string, number[]>();
  let rejected429 = 0;

  /** Seconds to wait before this send would be within the limits; 0 when it is. */
  function floodWait(chatId: string, now: number): number {
    if (!limits) return 0;
    const tol = limits.toleranceMs;
    let lo = sentAt.length;
    while (lo > 0 && sentAt[lo - 1]! > now - 1_000 + tol) lo--;
    const inLastSecond = sentAt.length - lo;
    if (inLastSecond >= limits.globalPerS) return 1;
    const mine = chatSends.get(chatId) ?? [];
    if (Number(chatId) < 0) {
      const recent = mine.filter((t) => t > now - 60_000 + tol);
      if (recent.length >= limits.groupPerMin) return Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    } else {
      const last = mine[mine.length - 1];
      if (last !== undefined && now - last < limits.privateChatMs - tol) return 1;
    }
    return 0;
  }

  function noteSent(chatId: string, now: number): void {
    sentAt.push(now);
    const mine = chatSends.get(chatId) ?? [];
    mine.push(now);
    if (mine.length > 40) mine.splice(0, mine.length - 20);
    chatSends.set(chatId, mine);
  }

  function handle(method: string, p: Record<string, any>): { status: number; body: unknown } {
    if ((method === 'sendMessage' || method === 'editMessageText') && p.chat_id !== undefined) {
      const now = Date.now();
      const wait = floodWait(String(p.chat_id), now);
      if (wait > 0) {
        rejected429++;
        return fail(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
      }
      noteSent(String(p.chat_id), now);
    }
    const faultIdx = faults.findIndex((f) => (f.method ? f.method === method : SENDING.has(method)));
    if (faultIdx >= 0) {
      const [f] = faults.splice(faultIdx, 1);
      if (f!.retryAfter !== undefined) {
        return fail(429, `Too Many Requests: retry after ${f!.retryAfter}`, { retry_after: f!.retryAfter });
      }
      return fail(f!.code, f!.description);
    }
    if (p.chat_id !== undefined && blocked.has(String(p.chat_id)) && SENDING.has(method)) {
      return fail(403, 'Forbidden: bot was blocked by the user');
    }
    switch (method) {
      case 'getMe':
        return ok({ ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'sendMessage': {
        if (p.chat_id === undefined || typeof p.text !== 'string' || p.text.length === 0) {
          return fail(400, 'Bad Request: message text is empty');
        }
        if (p.text.length > 4096) return fail(400, 'Bad Request: message is too long');
        const message: FakeMessage = {
          message_id: nextMessageId++,
          chat: chatOf(p.chat_id),
          date: Math.floor(Date.now() / 1000),
          text: p.text,
          ...(p.reply_markup ? { reply_markup: parseMaybe(p.reply_markup) } : {}),
        };
        const list = messages.get(String(p.chat_id)) ?? [];
        list.push(message);
        messages.set(String(p.chat_id), list);
        return ok({ ...message, from: bot });
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const m = (messages.get(String(p.chat_id)) ?? []).find((x) => x.message_id === Number(p.message_id));
        if (!m) return fail(400, 'Bad Request: message to edit not found');
        if (method === 'editMessageText') {
          if (m.text === p.text && JSON.stringify(m.reply_markup ?? null) === JSON.stringify(parseMaybe(p.reply_markup) ?? null)) {
            return fail(400, 'Bad Request: message is not modified');
          }
          m.text = p.text;
        }
        if (p.reply_markup) m.reply_markup = parseMaybe(p.reply_markup);
        else delete m.reply_markup;
        m.edited = true;
        return ok({ ...m, from: bot });
      }
      case 'answerCallbackQuery':
        answers.push(p);
        return ok(true);
      case 'leaveChat':
        if (p.chat_id === undefined) return fail(400, 'Bad Request: chat_id is empty');
        if (left.includes(String(p.chat_id))) return fail(403, 'Forbidden: bot is not a member of the supergroup chat');
        left.push(String(p.chat_id));
        return ok(true);
      case 'setWebhook':
        webhookUrl = String(p.url ?? '');
        return ok(true);
      case 'deleteWebhook':
        webhookUrl = '';
        return ok(true);
      case 'setMyCommands':
      case 'deleteMyCommands':
      case 'sendChatAction':
        return ok(true);
      case 'getWebhookInfo':
        return ok({ url: webhookUrl, has_custom_certificate: false, pending_update_count: pending.length });
      case 'getUpdates': {
        const offset = Number(p.offset ?? 0);
        while (pending.length && pending[0]!.update_id < offset) pending.shift();
        return ok(pending.slice(0, Number(p.limit ?? 100)));
      }
      case 'getFile': {
        const f = files.get(String(p.file_id));
        if (!f) return fail(400, 'Bad Request: invalid file_id');
        const size = f.size ?? f.data.length;
        if (size > MAX_DOWNLOAD) return fail(400, 'Bad Request: file is too big');
        return ok({ file_id: f.fileId, file_unique_id: `u${f.fileId}`, file_size: size, file_path: f.path });
      }
      default:
        return fail(404, 'Not Found: method not found');
    }
  }

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err.message);
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const f = fileMatch[1] === token ? [...files.values()].find((x) => x.path === fileMatch[2]) : undefined;
      if (!f) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.data.length });
      res.end(Buffer.from(f.data));
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const raw = await readBody(req);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    let result: { status: number; body: unknown };
    if (!m) result = fail(404, 'Not Found');
    else if (m[1] !== token) result = fail(401, 'Unauthorized');
    else {
      const params = { ...Object.fromEntries(url.searchParams), ...parseParams(raw, req.headers['content-type'] ?? '') };
      if (m[2] === 'getUpdates' && Number(params.timeout ?? 0) > 0) {
        const offset = Number(params.offset ?? 0);
        if (!pending.some((u) => u.update_id >= offset)) {
          // Hold the long poll until an update arrives (or a short while passes).
          await new Promise<void>((resolve) => {
            const t = setTimeout(() => resolve(), Math.min(Number(params.timeout) * 1000, 1_000));
            pollers.push(() => (clearTimeout(t), resolve()));
          });
        }
      }
      const call: RecordedCall = { method: m[2]!, params, at: Date.now() };
      calls.push(call);
      result = handle(call.method, params);
      for (const w of [...waiters]) {
        const got = calls.filter((c) => c.method === w.method);
        if (got.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(got);
        }
      }
    }
    res.writeHead(result.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result.body));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    bot,
    calls,
    answers,
    left,
    sentMessages: (chatId) => messages.get(String(chatId)) ?? [],
    callsOf: (method) => calls.filter((c) => c.method === method),
    failNext429(retryAfterS, method) {
      faults.push({ ...(method ? { method } : {}), code: 429, description: 'Too Many Requests', retryAfter: retryAfterS });
    },
    failNext(code, description, method) {
      faults.push({ ...(method ? { method } : {}), code, description });
    },
    blockChat(chatId) {
      blocked.add(String(chatId));
    },
    queueUpdate(update) {
      pending.push(update);
      pending.sort((a, b) => a.update_id - b.update_id);
      for (const wake of pollers.splice(0)) wake();
    },
    addFile(file) {
      files.set(file.fileId, { ...file, path: `files/${file.fileId}.bin` });
    },
    sendStats() {
      let peak = 0;
      for (let i = 0, j = 0; i < sentAt.length; i++) {
        while (sentAt[j]! <= sentAt[i]! - 1_000) j++;
        peak = Math.max(peak, i - j + 1);
      }
      return { sent: sentAt.length, peakPerS: peak, rejected429 };
    },
    waitFor(method, count = 1, timeoutMs = 10_000) {
      const got = calls.filter((c) => c.method === method);
      if (got.length >= count) return Promise.resolve(got);
      return new Promise((resolve, reject) => {
        const w = { method, count, resolve: (c: RecordedCall[]) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`fake telegram: ${count} × ${method} not seen within ${timeoutMs} ms (saw ${calls.filter((c) => c.method === method).length})`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    reset() {
      calls.length = 0;
      answers.length = 0;
      left.length = 0;
      messages.clear();
      faults = [];
      blocked.clear();
      sentAt.length = 0;
      chatSends.clear();
      rejected429 = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of pollers.splice(0)) wake();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseParams(raw: string, contentType: string): Record<string, any> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, any>;
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, parseMaybe(v)]));
  }
  if (contentType.includes('multipart/form-data')) {
    const out: Record<string, any> = {};
    for (const part of raw.split(/--[^\r\n]+/)) {
      const name = /name="([^"]+)"/.exec(part)?.[1];
      if (!name) continue;
      const value = part.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, '');
      out[name] = parseMaybe(value);
    }
    return out;
  }
  return {};
}

function parseMaybe(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
