/** Shared types for the fake's routes: request context, replies, errors shaped like Atlas's (§8.2). */
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeStore, FakeUser } from './store.js';
import type { TokenService } from './tokens.js';
import type { WebhookDispatcher } from './webhooks.js';

export interface Reply {
  status: number;
  /** JSON body; omitted with `empty` for the §2.4 empty 403. */
  body?: unknown;
  empty?: boolean;
}

/** `{success:false,message}` with a status, or an empty body (§2.4). */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly empty = false) {
    super(message);
  }
}

export interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  params: string[];
  user: FakeUser | null;
  remote: string;
  json(): unknown;
  formData(): Promise<FormData>;
}

export interface World {
  store: FakeStore;
  tokens: TokenService;
  webhooks: WebhookDispatcher;
  licensed: boolean;
  openWorkOrderCap: number;
  paidUserCap: number;
  webhookUrlPolicy: 'permissive' | 'strict';
  apiKeys: Map<string, number>;
  now(): Date;
  origin(): string;
}

export interface Route {
  method: string;
  pattern: RegExp;
  public?: boolean;
  handle(ctx: Ctx, world: World): Reply | Promise<Reply>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });

export function me(ctx: Ctx): FakeUser {
  if (!ctx.user) throw new HttpError(403, '', true);
  return ctx.user;
}

export function requirePermission(ctx: Ctx, kind: 'create' | 'view', entity: string, message = 'Access denied'): FakeUser {
  const u = me(ctx);
  const list = kind === 'create' ? u.role.createPermissions : u.role.viewPermissions;
  if (!list.includes(entity)) throw new HttpError(403, message);
  return u;
}

export function idParam(ctx: Ctx, i = 0): number {
  const raw = ctx.params[i] ?? '';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new HttpError(500, `Method parameter 'id': Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; For input string: "${raw}"`);
  }
  return n;
}

export function objectBody(ctx: Ctx): Record<string, unknown> {
  const b = ctx.json();
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(500, 'JSON parse error: Cannot deserialize from Array value');
  return b as Record<string, unknown>;
}

export function refId(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && typeof (v as { id?: unknown }).id === 'number') return (v as { id: number }).id;
  throw new HttpError(500, 'JSON parse error: Cannot construct instance from reference');
}

export function refIds(v: unknown): number[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new HttpError(500, 'JSON parse error: Cannot deserialize value of type `java.util.ArrayList`');
  return v.map((x) => refId(x)).filter((x): x is number => x !== null);
}

export function enumValue(v: unknown, allowed: readonly string[], type: string, fallback: string | null): string | null {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string' && allowed.includes(v)) return v;
  throw new HttpError(500, `JSON parse error: Cannot deserialize value of type \`com.grash.model.enums.${type}\` from String ${JSON.stringify(v)}: not one of the values accepted for Enum class: [${allowed.join(', ')}]`);
}
