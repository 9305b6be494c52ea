/**
 * createAtlasClient: the typed Atlas CMMS client (contract docs/atlas-cmms-api.md).
 */
import type { Logger } from 'pino';
import type { WorkOrderStatus } from '../../core/model.js';
import { createCredentials, type AtlasAuthConfig } from './credentials.js';
import { AtlasError, AtlasLicenseError, type AtlasLicenseKind } from './errors.js';
import { createOnceCalls } from './once.js';
import { createResourceCalls, type UploadFile } from './resources.js';
import { successSchema, userSchema } from './schemas.js';
import { createTransport, type Transport } from './transport.js';
import type {
  AtlasAsset, AtlasAssetMini, AtlasCategory, AtlasComment, AtlasFile, AtlasLocationMini, AtlasPage, AtlasRole,
  AtlasUser, AtlasUserMini, AtlasWebhookEndpoint, AtlasWorkOrder, SearchCriteria, WorkOrderInput, WorkOrderPatch,
} from './types.js';
import { createWorkOrderCalls } from './work-orders.js';

export interface AtlasClientDeps {
  /** API root, e.g. http://127.0.0.1:4010/api. */
  baseUrl: string;
  auth: AtlasAuthConfig;
  logger: Logger;
  /** Per attempt; default 10 000. */
  timeoutMs?: number;
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  fetch?: typeof fetch;
  clock?: { now(): Date };
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface AtlasHealth {
  reachable: boolean;
  authenticated: boolean;
  user?: AtlasUser;
  latencyMs: number;
  error?: string;
  /** The failing error's toJSON(), when there is one. */
  errorDetail?: Record<string, unknown>;
  authMode: 'apiKey' | 'password';
  /** Licence limits Atlas has answered with since start-up (e.g. files refused on an unlicensed instance). */
  licenceLimits: Partial<Record<AtlasLicenseKind, { seenAt: string; hint: string }>>;
}

export interface AtlasClient {
  readonly authMode: 'apiKey' | 'password';
  /** How long one request may take before the client gives up on it (Atlas may still finish it). */
  readonly requestTimeoutMs: number;
  /** GET /health-check (reachable) then /auth/me (authenticated); never throws. */
  health(): Promise<AtlasHealth>;
  me(): Promise<AtlasUser>;
  /**
   * Idempotent per key: writes the key as a marker into the description and looks for it before any (re)try.
   * `beforeWrite` runs once it is clear a POST will be sent (the caller can note that a write began).
   */
  createWorkOrder(input: WorkOrderInput, opts: { idempotencyKey: string; beforeWrite?: () => Promise<void> }): Promise<AtlasWorkOrder>;
  findWorkOrderByMarker(idempotencyKey: string): Promise<AtlasWorkOrder | null>;
  getWorkOrder(id: number): Promise<AtlasWorkOrder>;
  /** "WO000042"; null when there is none. */
  getWorkOrderByCustomId(customId: string): Promise<AtlasWorkOrder | null>;
  searchWorkOrders(criteria: SearchCriteria): Promise<AtlasPage<AtlasWorkOrder>>;
  /**
   * Work orders matching ANY of: `ids`, created by / primary user `atlasUserId`, or a marker starting with
   * `markerPrefix` (an idempotency-key prefix; WORK_ORDER_MARKER_PREFIX is added if missing). Newest update first.
   */
  workOrdersOfRequester(
    q: { atlasUserId?: number; markerPrefix?: string; ids?: number[] },
    page?: { pageNum?: number; pageSize?: number },
  ): Promise<AtlasPage<AtlasWorkOrder>>;
  /** updatedAt ≥ since (JS_DATE filter), oldest first, for status polling when webhooks are unavailable. */
  workOrdersUpdatedSince(since: Date, page?: { pageNum?: number; pageSize?: number }): Promise<AtlasPage<AtlasWorkOrder>>;
  /** Not COMPLETE and not archived, newest first. */
  openWorkOrdersOfAsset(assetId: number, pageSize?: number): Promise<AtlasPage<AtlasWorkOrder>>;
  /** Feedback is stored on every call: omitting it clears earlier feedback (§3.5). Missing id → AtlasApiError 404. */
  changeStatus(id: number, status: WorkOrderStatus, feedback?: string | null): Promise<AtlasWorkOrder>;
  /** GET, then PATCH the complete record `change` returns (PATCH is a full replace, §3.5). */
  updateWorkOrder(id: number, change: (current: WorkOrderPatch) => WorkOrderPatch): Promise<AtlasWorkOrder>;
  /** Not repeated after an ambiguous failure (it would duplicate). Authored by the bot account. */
  addComment(workOrderId: number, content: string, fileIds?: number[]): Promise<AtlasComment>;
  /** Comments and system history of a work order, newest first (§7.1). */
  listComments(workOrderId: number): Promise<AtlasComment[]>;
  /** Idempotent per key: the comment carries the key's marker and is not posted when one with it exists. */
  addCommentOnce(workOrderId: number, content: string, opts: { idempotencyKey: string; beforeWrite?: () => Promise<void> }): Promise<AtlasComment>;
  /** A status change that is not sent when the work order already has it (nor repeated after a timeout). */
  changeStatusOnce(id: number, status: WorkOrderStatus, feedback?: string | null, opts?: { beforeWrite?: () => Promise<void> }): Promise<AtlasWorkOrder>;
  /** Licensed instances only (else AtlasLicenseError 'files'). Results in input order. */
  uploadFiles(files: UploadFile[], opts?: { folder?: string; hidden?: boolean }): Promise<AtlasFile[]>;
  attachFilesToWorkOrder(workOrderId: number, fileIds: number[]): Promise<AtlasFile[]>;
  getAsset(id: number): Promise<AtlasAsset>;
  searchAssets(criteria: SearchCriteria): Promise<AtlasPage<AtlasAsset>>;
  listAssets(): Promise<AtlasAssetMini[]>;
  listLocations(): Promise<AtlasLocationMini[]>;
  listCategories(): Promise<AtlasCategory[]>;
  listRoles(): Promise<AtlasRole[]>;
  findUserByEmail(email: string): Promise<AtlasUser | null>;
  /** GET /users/mini: enabled users work orders can be assigned to. */
  listAssignableUsers(): Promise<AtlasUserMini[]>;
  /**
   * Invite (role by code, default TECHNICIAN; no email sent) then sign up with the given password (§6.2).
   * An existing email is AtlasApiError 406 "Email already in use": call findUserByEmail first.
   */
  createUserForPerson(p: { email: string; firstName: string; lastName: string; phone?: string; roleCode?: string; password: string }): Promise<AtlasUser>;
  registerWebhook(w: { url: string; event: string; workOrderStatuses?: WorkOrderStatus[] }): Promise<AtlasWebhookEndpoint>;
  listWebhooks(): Promise<AtlasWebhookEndpoint[]>;
  deleteWebhook(id: number): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createAtlasClient(deps: AtlasClientDeps): AtlasClient {
  const logger = deps.logger.child({ component: 'atlas' });
  const clock = deps.clock ?? { now: () => new Date() };
  let transport: Transport | null = null;
  const credentials = createCredentials({ auth: deps.auth, transport: () => transport!, clock, logger });
  transport = createTransport({
    baseUrl: deps.baseUrl,
    logger,
    timeoutMs: deps.timeoutMs ?? 10_000,
    retry: {
      attempts: Math.max(1, deps.retry?.attempts ?? 3),
      baseDelayMs: deps.retry?.baseDelayMs ?? 200,
      maxDelayMs: deps.retry?.maxDelayMs ?? 5_000,
    },
    fetch: deps.fetch ?? globalThis.fetch,
    random: deps.random ?? Math.random,
    sleep: deps.sleep ?? sleep,
    credentials: () => credentials,
  });
  // Every licence refusal is remembered, so /health can say what this instance does not allow.
  const licenceLimits: AtlasHealth['licenceLimits'] = {};
  const remember = (e: unknown): never => {
    if (e instanceof AtlasLicenseError) licenceLimits[e.kind] = { seenAt: clock.now().toISOString(), hint: e.hint };
    throw e;
  };
  const raw = transport;
  const t: Transport = {
    call: (spec, schema) => raw.call(spec, schema).catch(remember),
    callVoid: (spec) => raw.callVoid(spec).catch(remember),
    backoffMs: (attempt) => raw.backoffMs(attempt),
    retry: raw.retry,
    timeoutMs: raw.timeoutMs,
    sleep: raw.sleep,
  };
  const wo = createWorkOrderCalls(t, logger);
  const res = createResourceCalls(t);
  const once = createOnceCalls(t, wo, (id, content) => res.addComment(id, content));

  const me = () => t.call({ method: 'GET', path: '/auth/me', auth: true, idempotent: true }, userSchema);

  return {
    authMode: credentials.mode,
    requestTimeoutMs: raw.timeoutMs,
    me,
    async health() {
      const started = performance.now();
      const base = () => ({ latencyMs: Math.round(performance.now() - started), authMode: credentials.mode, licenceLimits: { ...licenceLimits } });
      const failed = (e: unknown) => {
        const err = e instanceof AtlasError ? e : null;
        return { error: err?.message ?? String(e), ...(err ? { errorDetail: err.toJSON() } : {}) };
      };
      try {
        await t.call({ method: 'GET', path: '/health-check', auth: false, idempotent: true, retry: false }, successSchema);
      } catch (e) {
        return { reachable: false, authenticated: false, ...base(), ...failed(e) };
      }
      try {
        const user = await me();
        return { reachable: true, authenticated: true, user, ...base() };
      } catch (e) {
        return { reachable: true, authenticated: false, ...base(), ...failed(e) };
      }
    },

    ...wo,
    ...res,
    ...once,
  };
}
