/** §3: work orders — create (with the 30-open cap), read, search, full-replace PATCH, change-status, files. */
import { cleanOrNull, dateIn, jsoupClean } from '../jsoup.js';
import { fileShow, workOrderMini, workOrderShow } from '../dto.js';
import { enumValue, HttpError, idParam, me, objectBody, ok, refId, refIds, requirePermission, type Ctx, type Route, type World } from '../http.js';
import { searchPage, type FieldTable } from '../search.js';
import type { FakeWorkOrder } from '../store.js';

const PRIORITIES = ['NONE', 'LOW', 'MEDIUM', 'HIGH'];
const STATUSES = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETE'];

export const workOrderFields: FieldTable<FakeWorkOrder> = {
  id: { kind: 'number', get: (w) => w.id },
  customId: { kind: 'string', get: (w) => w.customId },
  title: { kind: 'string', get: (w) => w.title },
  description: { kind: 'string', get: (w) => w.description },
  feedback: { kind: 'string', get: (w) => w.feedback },
  priority: { kind: 'enum', get: (w) => w.priority },
  status: { kind: 'enum', get: (w) => w.status },
  dueDate: { kind: 'date', get: (w) => w.dueDate },
  estimatedStartDate: { kind: 'date', get: (w) => w.estimatedStartDate },
  estimatedDuration: { kind: 'number', get: (w) => w.estimatedDuration },
  createdAt: { kind: 'date', get: (w) => w.createdAt },
  updatedAt: { kind: 'date', get: (w) => w.updatedAt },
  completedOn: { kind: 'date', get: (w) => w.completedOn },
  createdBy: { kind: 'number', get: (w) => w.createdBy },
  archived: { kind: 'boolean', get: (w) => w.archived },
  category: { kind: 'ref', get: (w) => w.categoryId },
  location: { kind: 'ref', get: (w) => w.locationId },
  asset: { kind: 'ref', get: (w) => w.assetId },
  team: { kind: 'ref', get: (w) => w.teamId },
  primaryUser: { kind: 'ref', get: (w) => w.primaryUserId },
  completedBy: { kind: 'ref', get: (w) => w.completedById },
  parentRequest: { kind: 'ref', get: () => null },
  parentPreventiveMaintenance: { kind: 'ref', get: () => null },
  assignedTo: { kind: 'refs', get: (w) => w.assignedToIds },
  customers: { kind: 'refs', get: (w) => w.customerIds },
  files: { kind: 'refs', get: (w) => w.fileIds },
};

function date(v: unknown): Date | null {
  const d = dateIn(v);
  if (d === 'invalid') throw new HttpError(500, `JSON parse error: Cannot deserialize value of type \`java.util.Date\` from ${JSON.stringify(v)}`);
  return d;
}

/** §1.6: a reference to something that does not exist fails at flush [UNCONFIRMED status], so a 500. */
function checkRefs(world: World, w: Pick<FakeWorkOrder, 'assetId' | 'locationId' | 'categoryId' | 'primaryUserId' | 'assignedToIds' | 'fileIds'> & { teamId?: number | null }): void {
  const s = world.store;
  const miss = (what: string, id: number) => new HttpError(500, `Unable to find com.grash.model.${what} with id ${id}`);
  if (w.teamId !== undefined && w.teamId !== null && !s.teams.some((t) => t.id === w.teamId)) throw miss('Team', w.teamId);
  if (w.assetId !== null && !s.assetsById.has(w.assetId)) throw miss('Asset', w.assetId);
  if (w.locationId !== null && !s.locations.has(w.locationId)) throw miss('Location', w.locationId);
  if (w.categoryId !== null && !s.categories.some((c) => c.id === w.categoryId)) throw miss('WorkOrderCategory', w.categoryId);
  for (const id of [...(w.primaryUserId === null ? [] : [w.primaryUserId]), ...w.assignedToIds]) if (!s.users.some((u) => u.id === id)) throw miss('OwnUser', id);
  for (const id of w.fileIds) if (!s.files.some((f) => f.id === id)) throw miss('File', id);
}

/** The writable fields, as POST and PATCH (full replace, §3.5) both bind them. */
function fieldsFrom(b: Record<string, unknown>) {
  const estimatedDuration = typeof b.estimatedDuration === 'number' ? b.estimatedDuration : 0;
  if (estimatedDuration < 0) throw new HttpError(406, 'Estimated duration should not be negative');
  return {
    title: typeof b.title === 'string' ? jsoupClean(b.title) : null,
    description: cleanOrNull(b.description),
    priority: enumValue(b.priority, PRIORITIES, 'Priority', 'NONE')!,
    dueDate: date(b.dueDate),
    estimatedStartDate: date(b.estimatedStartDate),
    estimatedDuration,
    requiredSignature: b.requiredSignature === true,
    archived: b.archived === true,
    categoryId: refId(b.category),
    locationId: refId(b.location),
    assetId: refId(b.asset),
    teamId: refId(b.team),
    primaryUserId: refId(b.primaryUser),
    assignedToIds: refIds(b.assignedTo),
    customerIds: [],
    fileIds: refIds(b.files),
    imageId: refId(b.image),
    customFields: Array.isArray(b.customFields)
      ? (b.customFields as { id?: unknown; value?: unknown }[]).flatMap((c) => (typeof c?.id === 'number' ? [{ id: c.id, value: typeof c.value === 'string' ? c.value : null }] : []))
      : [],
  };
}

function find(world: World, id: number, message: string): FakeWorkOrder {
  const w = world.store.workOrders.get(id);
  if (!w) throw new HttpError(404, message);
  return w;
}

/** In the work order's team (§3.2 counts team members as assigned). */
function inTeam(world: World, w: FakeWorkOrder, userId: number): boolean {
  return w.teamId !== null && !!world.store.teams.find((t) => t.id === w.teamId)?.userIds.includes(userId);
}

function canEdit(ctx: Ctx, world: World, w: FakeWorkOrder): boolean {
  const u = me(ctx);
  return u.role.editOtherPermissions.includes('WORK_ORDERS') || w.createdBy === u.id || w.primaryUserId === u.id || w.assignedToIds.includes(u.id) || inTeam(world, w, u.id);
}

function visibility(ctx: Ctx, world: World, criteria: Record<string, unknown>) {
  const u = me(ctx);
  const extra: ((w: FakeWorkOrder) => boolean)[] = [];
  const mine = (w: FakeWorkOrder) => w.createdBy === u.id || w.primaryUserId === u.id || w.assignedToIds.includes(u.id) || inTeam(world, w, u.id);
  if (!u.role.viewOtherPermissions.includes('WORK_ORDERS')) extra.push(mine);
  const filters = Array.isArray(criteria.filterFields) ? (criteria.filterFields as { field?: unknown }[]) : [];
  if (filters.some((f) => f?.field === 'assignedToUser')) {
    extra.push((w) => w.primaryUserId === u.id || w.assignedToIds.includes(u.id) || inTeam(world, w, u.id));
    criteria = { ...criteria, filterFields: filters.filter((f) => f?.field !== 'assignedToUser') };
  }
  return { criteria, extra };
}

export function applyStatus(world: World, w: FakeWorkOrder, status: string, byUserId: number): string {
  const previous = w.status;
  w.status = status;
  if (status === 'COMPLETE') {
    w.completedById = byUserId;
    w.completedOn = world.now();
  } else {
    w.completedById = null;
    w.completedOn = null;
  }
  w.updatedBy = byUserId;
  w.updatedAt = world.now();
  return previous;
}

/** §9.4: change-status sends WORK_ORDER_CHANGE, plus WORK_ORDER_STATUS_CHANGE when the status really changed. */
export function emitStatusChange(world: World, w: FakeWorkOrder, previous: string): void {
  const payload = { workOrderId: w.id, workOrderTitle: w.title, previousStatus: previous, newStatus: w.status };
  const dto = { key: 'changedWorkOrder', value: () => workOrderShow(world.store, w, world.origin()) };
  world.webhooks.emit('WORK_ORDER_CHANGE', payload, dto);
  if (previous !== w.status) {
    world.webhooks.emit('WORK_ORDER_STATUS_CHANGE', payload, dto, (h) => !h.workOrderStatuses?.length || h.workOrderStatuses.includes(w.status));
  }
}

export const workOrderRoutes: Route[] = [
  {
    method: 'POST', pattern: /^\/work-orders$/,
    handle(ctx, world) {
      const u = requirePermission(ctx, 'create', 'WORK_ORDERS');
      const b = objectBody(ctx);
      if (typeof b.title !== 'string') throw new HttpError(400, 'must not be null');
      if (b.signature !== null && b.signature !== undefined) throw new HttpError(403, 'Access denied');
      const open = [...world.store.workOrders.values()].filter((w) => w.status !== 'COMPLETE').length;
      if (!world.licensed && open >= world.openWorkOrderCap) {
        throw new HttpError(403, `You need a license to add a new work order. Free Limit of ${world.openWorkOrderCap} incomplete work orders reached`);
      }
      const f = fieldsFrom(b);
      checkRefs(world, f);
      const now = world.now();
      const id = world.store.nextId();
      const w: FakeWorkOrder = {
        ...f, title: f.title ?? '', id, customId: `WO${String(world.store.nextWorkOrderNumber()).padStart(6, '0')}`,
        status: enumValue(b.status, STATUSES, 'Status', 'OPEN')!, completedById: null, completedOn: null,
        feedback: cleanOrNull(b.feedback), signature: null, createdBy: u.id, updatedBy: u.id, createdAt: now, updatedAt: now,
      };
      world.store.workOrders.set(id, w);
      world.webhooks.emit('NEW_WORK_ORDER', { workOrderId: id }, { key: 'newWorkOrder', value: () => workOrderShow(world.store, w, world.origin()) });
      return ok(workOrderShow(world.store, w, world.origin()));
    },
  },
  {
    method: 'POST', pattern: /^\/work-orders\/search(\/mini)?$/,
    handle(ctx, world) {
      me(ctx);
      const { criteria, extra } = visibility(ctx, world, objectBody(ctx));
      const mini = ctx.path.endsWith('/mini');
      const toDto = (w: FakeWorkOrder) => (mini ? workOrderMini(w) : workOrderShow(world.store, w, world.origin()));
      return ok(searchPage('WorkOrder', workOrderFields, [...world.store.workOrders.values()], criteria, toDto, extra, true));
    },
  },
  {
    method: 'GET', pattern: /^\/work-orders\/asset\/([^/]+)$/,
    handle(ctx, world) {
      me(ctx);
      const assetId = idParam(ctx);
      if (!world.store.assetsById.has(assetId)) throw new HttpError(404, 'Not found');
      return ok([...world.store.workOrders.values()].filter((w) => w.assetId === assetId).map((w) => workOrderShow(world.store, w, world.origin())));
    },
  },
  {
    method: 'PATCH', pattern: /^\/work-orders\/files\/([^/]+)\/add$/,
    handle(ctx, world) {
      me(ctx);
      const w = find(world, idParam(ctx), 'Not found');
      const body = ctx.json();
      const ids = refIds(body);
      checkRefs(world, { assetId: null, locationId: null, categoryId: null, primaryUserId: null, assignedToIds: [], fileIds: ids });
      w.fileIds = [...new Set([...w.fileIds, ...ids])];
      w.updatedAt = world.now();
      const origin = world.origin();
      return ok(w.fileIds.map((id) => world.store.files.find((f) => f.id === id)!).map((f) => fileShow(f, origin)));
    },
  },
  {
    method: 'PATCH', pattern: /^\/work-orders\/([^/]+)\/change-status$/,
    handle(ctx, world) {
      const u = me(ctx);
      const id = idParam(ctx);
      const w = world.store.workOrders.get(id);
      if (!w) throw new HttpError(500, 'No value present'); // §3.5 [QUIRK]
      const b = objectBody(ctx);
      if (b.status === null || b.status === undefined) throw new HttpError(406, "Status can't be null");
      const status = enumValue(b.status, STATUSES, 'Status', null)!;
      if (!canEdit(ctx, world, w)) throw new HttpError(403, 'Forbidden');
      if (b.signature !== null && b.signature !== undefined) {
        if (typeof b.signature !== 'string' || !b.signature.startsWith('data:image/')) throw new HttpError(400, 'Invalid signature format');
        if (!world.licensed) throw new HttpError(403, 'You need a license to add signature to work order');
      }
      if (status === 'COMPLETE' && w.requiredSignature && !b.signature) throw new HttpError(400, 'Signature is required to complete this work order');
      w.feedback = cleanOrNull(b.feedback);
      w.signature = typeof b.signature === 'string' ? b.signature : null;
      const previous = applyStatus(world, w, status, u.id);
      emitStatusChange(world, w, previous);
      return ok(workOrderShow(world.store, w, world.origin()));
    },
  },
  {
    method: 'GET', pattern: /^\/work-orders\/([^/]+)$/,
    handle(ctx, world) {
      me(ctx);
      return ok(workOrderShow(world.store, find(world, idParam(ctx), 'Work Order not found'), world.origin()));
    },
  },
  {
    method: 'PATCH', pattern: /^\/work-orders\/([^/]+)$/,
    handle(ctx, world) {
      const u = me(ctx);
      const w = find(world, idParam(ctx), 'WorkOrder not found');
      if (!canEdit(ctx, world, w)) throw new HttpError(403, 'Forbidden');
      const f = fieldsFrom(objectBody(ctx));
      if (f.title === null) throw new HttpError(500, 'not-null property references a null or transient value : com.grash.model.WorkOrder.title');
      checkRefs(world, f);
      const b = objectBody(ctx);
      Object.assign(w, f, { title: f.title, completedById: refId(b.completedBy), completedOn: date(b.completedOn), updatedBy: u.id, updatedAt: world.now() });
      world.webhooks.emit('WORK_ORDER_CHANGE', { workOrderId: w.id, workOrderTitle: w.title }, { key: 'changedWorkOrder', value: () => workOrderShow(world.store, w, world.origin()) });
      return ok(workOrderShow(world.store, w, world.origin()));
    },
  },
  {
    method: 'DELETE', pattern: /^\/work-orders\/([^/]+)$/,
    handle(ctx, world) {
      const u = me(ctx);
      const w = find(world, idParam(ctx), 'WorkOrder not found');
      if (!u.role.deleteOtherPermissions.includes('WORK_ORDERS') && w.createdBy !== u.id) throw new HttpError(403, 'Forbidden');
      world.store.workOrders.delete(w.id);
      return ok({ success: true, message: 'Deleted successfully' });
    },
  },
];
