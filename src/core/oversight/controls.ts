/**
 * The data carried by supervisors' controls in the oversight channel (buttons and menus):
 * `ov:<code>:<thread id>[:<arg>]`. The thread id alone is never trusted: the desk checks the
 * control came from the oversight channel and, on a thread's own message, from that thread.
 *
 *   ov:p:<thread>:H|M|L|N   set priority        ov:a:<thread>:<atlas user id>  assign
 *   ov:c:<thread>           mark complete       ov:t:<thread> / ov:h:<thread>  take over / hand back
 *   ov:k:<thread>:<asset>   pick the machine    ov:n:<thread>                  file without a machine
 *   ov:r:<thread>           resolve a question
 */
import { PRIORITIES, type Priority } from '../model.js';

export type Control =
  | { type: 'priority'; threadId: string; priority: Priority }
  | { type: 'assign'; threadId: string; userId: number }
  | { type: 'complete'; threadId: string }
  | { type: 'take_over'; threadId: string }
  | { type: 'hand_back'; threadId: string }
  | { type: 'pick'; threadId: string; assetId: number }
  | { type: 'no_machine'; threadId: string }
  | { type: 'resolve'; threadId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PRIORITY_CODE: Record<Priority, string> = { HIGH: 'H', MEDIUM: 'M', LOW: 'L', NONE: 'N' };

export function encodeControl(c: Control): string {
  switch (c.type) {
    case 'priority': return `ov:p:${c.threadId}:${PRIORITY_CODE[c.priority]}`;
    case 'assign': return `ov:a:${c.threadId}:${c.userId}`;
    case 'complete': return `ov:c:${c.threadId}`;
    case 'take_over': return `ov:t:${c.threadId}`;
    case 'hand_back': return `ov:h:${c.threadId}`;
    case 'pick': return `ov:k:${c.threadId}:${c.assetId}`;
    case 'no_machine': return `ov:n:${c.threadId}`;
    case 'resolve': return `ov:r:${c.threadId}`;
  }
}

/** Null for anything that is not a well-formed control. */
export function decodeControl(data: string): Control | null {
  if (data.length > 80) return null;
  const [ov, code, threadId, arg, ...rest] = data.split(':');
  if (ov !== 'ov' || !code || !threadId || !UUID.test(threadId) || rest.length) return null;
  const id = (s: string | undefined) => (s && /^\d{1,12}$/.test(s) ? Number(s) : null);
  switch (code) {
    case 'p': {
      const priority = PRIORITIES.find((p) => PRIORITY_CODE[p] === arg);
      return priority ? { type: 'priority', threadId, priority } : null;
    }
    case 'a': {
      const userId = id(arg);
      return userId === null ? null : { type: 'assign', threadId, userId };
    }
    case 'k': {
      const assetId = id(arg);
      return assetId === null ? null : { type: 'pick', threadId, assetId };
    }
    case 'c': return arg === undefined ? { type: 'complete', threadId } : null;
    case 't': return arg === undefined ? { type: 'take_over', threadId } : null;
    case 'h': return arg === undefined ? { type: 'hand_back', threadId } : null;
    case 'n': return arg === undefined ? { type: 'no_machine', threadId } : null;
    case 'r': return arg === undefined ? { type: 'resolve', threadId } : null;
    default: return null;
  }
}
