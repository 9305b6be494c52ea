/**
 * Button payloads: short codes that fit Telegram's 64-byte callback_data. Each flow button
 * carries the conversation (first 8 characters of its id) and the state version it was shown
 * at, so a stale or foreign button is recognised instead of acting on the wrong thing.
 *
 *   a:<conv>:<ver>:<assetId>  pick an asset          n:<conv>:<ver>       none of these
 *   c:<conv>:<ver>            create                 p:<conv>:<ver>[:H|M|L] change priority
 *   x:<conv>:<ver>            cancel                 w:<conv>:<ver>       add to the open work order
 *   k:<conv>:<ver>            create new anyway      s:<conv>:<ver>       confirm a status change
 *   t:<conv>:<ver>:O|I|H|C    pick a status          z:<conv>:<ver>       skip the closing note
 *   e:<conv>:<ver>            type a new title       m:<conv>:<ver>:S|R|L|H what an unclear message meant
 *   q:<questionId>:<option>   answer a question a job asked
 */
import { LANGS, type Lang } from '../texts/index.js';
import type { Priority, WorkOrderStatus } from '../model.js';
import type { Meaning } from './types.js';

export const MAX_CALLBACK_BYTES = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const utf8 = new TextEncoder();

export type FlowAction =
  | { type: 'asset'; assetId: number }
  | { type: 'none' }
  | { type: 'create' }
  | { type: 'priority'; priority: Priority | null }
  | { type: 'cancel' }
  | { type: 'add_to_existing' }
  | { type: 'create_new' }
  | { type: 'confirm_status' }
  | { type: 'status'; status: WorkOrderStatus }
  | { type: 'skip_note' }
  | { type: 'edit_title' }
  | { type: 'meaning'; meaning: Meaning };

export type ButtonPayload =
  | { kind: 'flow'; conv: string; version: number; action: FlowAction }
  | { kind: 'question'; questionId: string; option: string }
  | { kind: 'language'; choice: Lang | 'auto' };

const PRIORITY_CODES: Record<string, Priority> = { H: 'HIGH', M: 'MEDIUM', L: 'LOW' };
const MEANING_CODES: Record<string, Meaning> = { S: 'status', R: 'report', L: 'mine', H: 'human' };
const STATUS_CODES: Record<string, WorkOrderStatus> = { O: 'OPEN', I: 'IN_PROGRESS', H: 'ON_HOLD', C: 'COMPLETE' };
const codeOf = <T extends string>(table: Record<string, T>, value: T) => Object.keys(table).find((k) => table[k] === value) ?? '';

export const convTag = (conversationId: string) => conversationId.replace(/-/g, '').slice(0, 8);

export function encodeFlow(conversationId: string, version: number, action: FlowAction): string {
  const head = `${convTag(conversationId)}:${version}`;
  let data: string;
  switch (action.type) {
    case 'asset': data = `a:${head}:${action.assetId}`; break;
    case 'none': data = `n:${head}`; break;
    case 'create': data = `c:${head}`; break;
    case 'priority': data = action.priority ? `p:${head}:${codeOf(PRIORITY_CODES, action.priority)}` : `p:${head}`; break;
    case 'cancel': data = `x:${head}`; break;
    case 'add_to_existing': data = `w:${head}`; break;
    case 'create_new': data = `k:${head}`; break;
    case 'confirm_status': data = `s:${head}`; break;
    case 'status': data = `t:${head}:${codeOf(STATUS_CODES, action.status)}`; break;
    case 'skip_note': data = `z:${head}`; break;
    case 'edit_title': data = `e:${head}`; break;
    case 'meaning': data = `m:${head}:${codeOf(MEANING_CODES, action.meaning)}`; break;
  }
  return checked(data);
}

/** A /language button: `l:es`, `l:auto`. */
export function encodeLanguage(choice: Lang | 'auto'): string {
  return checked(`l:${choice}`);
}

export function encodeQuestion(questionId: string, option: string): string {
  return checked(`q:${questionId}:${option}`);
}

function checked(data: string): string {
  if (utf8.encode(data).length > MAX_CALLBACK_BYTES) throw new Error(`callback_data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}

/** Parses a payload; null for anything Rivet did not make (or made long ago in another format). */
export function decodeButton(data: string | undefined): ButtonPayload | null {
  if (!data || data.length > MAX_CALLBACK_BYTES) return null;
  const parts = data.split(':');
  const [code] = parts;
  if (code === 'l') {
    const choice = parts[1];
    if (parts.length !== 2 || !choice) return null;
    if (choice === 'auto') return { kind: 'language', choice };
    return (LANGS as readonly string[]).includes(choice) ? { kind: 'language', choice: choice as Lang } : null;
  }
  if (code === 'q') {
    // Callback data is whatever the client sends: only a real UUID and a choice index go further
    // (a forged id must not reach the database, where it is an input error, not a missing row).
    const [, questionId, option, ...rest] = parts;
    if (!questionId || !UUID.test(questionId) || !option || !/^\d{1,2}$/.test(option) || rest.length > 0) return null;
    return { kind: 'question', questionId, option };
  }
  const [, conv, ver, arg] = parts;
  if (!conv || !/^[0-9a-f]{8}$/.test(conv) || !ver || !/^\d{1,9}$/.test(ver)) return null;
  const version = Number(ver);
  const flow = (action: FlowAction): ButtonPayload => ({ kind: 'flow', conv, version, action });
  switch (code) {
    case 'a': {
      const assetId = Number(arg);
      return arg && /^\d{1,12}$/.test(arg) ? flow({ type: 'asset', assetId }) : null;
    }
    case 'n': return flow({ type: 'none' });
    case 'c': return flow({ type: 'create' });
    case 'p': {
      if (arg === undefined) return flow({ type: 'priority', priority: null });
      const priority = PRIORITY_CODES[arg];
      return priority ? flow({ type: 'priority', priority }) : null;
    }
    case 'x': return flow({ type: 'cancel' });
    case 'w': return flow({ type: 'add_to_existing' });
    case 'k': return flow({ type: 'create_new' });
    case 's': return flow({ type: 'confirm_status' });
    case 't': {
      const status = arg ? STATUS_CODES[arg] : undefined;
      return status ? flow({ type: 'status', status }) : null;
    }
    case 'z': return flow({ type: 'skip_note' });
    case 'e': return flow({ type: 'edit_title' });
    case 'm': {
      const meaning = arg ? MEANING_CODES[arg] : undefined;
      return meaning ? flow({ type: 'meaning', meaning }) : null;
    }
    default: return null;
  }
}
