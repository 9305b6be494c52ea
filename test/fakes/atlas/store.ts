/** The fake's in-memory data: entities as Atlas stores them, seeded from corpus-shaped assets. */
import { jsoupClean } from './jsoup.js';
import { DEFAULT_ROLES, roleByCode, type FakeRole } from './roles.js';

export interface FakeUser {
  id: number; email: string; password: string; firstName: string; lastName: string; phone: string;
  role: FakeRole; enabled: boolean; createdAt: Date; lastLogin: Date | null; username: string;
}
export interface FakeLocation { id: number; name: string; customId: string; address: string | null; parentId: number | null }
export interface FakeAsset {
  id: number; customId: string; name: string; description: string | null; locationId: number | null;
  category: { id: number; name: string } | null; area: string | null; model: string | null; serialNumber: string | null;
  barCode: string | null; parentId: number | null; status: string; archived: boolean; createdAt: Date; updatedAt: Date;
}
export interface FakeWorkOrder {
  id: number; customId: string; title: string; description: string | null; priority: string; status: string;
  dueDate: Date | null; estimatedStartDate: Date | null; estimatedDuration: number; requiredSignature: boolean; archived: boolean;
  categoryId: number | null; locationId: number | null; assetId: number | null; teamId: number | null; primaryUserId: number | null;
  assignedToIds: number[]; customerIds: number[]; fileIds: number[]; imageId: number | null;
  completedById: number | null; completedOn: Date | null; feedback: string | null; signature: string | null;
  customFields: { id: number; value: string | null }[];
  createdBy: number; updatedBy: number; createdAt: Date; updatedAt: Date;
}
export interface FakeFile { id: number; name: string; type: string; hidden: boolean; folder: string; size: number; createdBy: number; createdAt: Date }
export interface FakeComment { id: number; workOrderId: number; userId: number; content: string; fileIds: number[]; createdAt: Date }
export interface FakeWebhook {
  id: number; url: string; secret: string; event: string; workOrderStatuses: string[] | null; serialize: boolean;
  createdBy: number; createdAt: Date; lastTriggeredAt: Date | null;
}
export interface FakeCategory { id: number; name: string; description: string | null; createdAt: Date }
/** A team (§3.4 `team`: `{id, name, users}`); work orders name one, and its members count as assigned. */
export interface FakeTeam { id: number; name: string; userIds: number[] }

export interface FakeStore {
  users: FakeUser[];
  roles: FakeRole[];
  invitations: { email: string; roleId: number }[];
  locations: Map<number, FakeLocation>;
  /** Sorted by id. */
  assets: FakeAsset[];
  assetsById: Map<number, FakeAsset>;
  /** Ids of assets that have children. */
  parentIds: Set<number>;
  categories: FakeCategory[];
  teams: FakeTeam[];
  workOrders: Map<number, FakeWorkOrder>;
  comments: FakeComment[];
  files: FakeFile[];
  webhooks: FakeWebhook[];
  nextId: () => number;
  nextWorkOrderNumber: () => number;
}

export interface SeedUser { email: string; password: string; role?: string; firstName?: string; lastName?: string }

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function randomUsername(): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length: 8 }, () => abc[Math.floor(Math.random() * abc.length)]).join('');
}

export function createStore(opts: { seedAssets: unknown[]; users: SeedUser[]; now: Date }): FakeStore {
  let seq = 100_000;
  let woSeq = 0;
  const locations = new Map<number, FakeLocation>();
  const assets: FakeAsset[] = [];
  for (const raw of opts.seedAssets) {
    if (!raw || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    const id = num(r.id);
    const name = str(r.name);
    if (id === null || name === null) continue;
    const loc = r.location as { id?: unknown; name?: unknown } | null | undefined;
    const locId = num(loc?.id);
    if (locId !== null && !locations.has(locId)) {
      locations.set(locId, { id: locId, name: jsoupClean(str(loc?.name) ?? `Location ${locId}`), customId: `L${String(locId).padStart(6, '0')}`, address: null, parentId: null });
    }
    const cat = r.category as { id?: unknown; name?: unknown } | null | undefined;
    const parent = r.parentAsset as { id?: unknown } | null | undefined;
    assets.push({
      id,
      customId: str(r.customId) ?? `A${String(id).padStart(6, '0')}`,
      name: jsoupClean(name),
      description: str(r.description) === null ? null : jsoupClean(str(r.description)!),
      locationId: locId,
      category: num(cat?.id) !== null ? { id: num(cat?.id)!, name: jsoupClean(str(cat?.name) ?? '') } : null,
      area: str(r.area) === null ? null : jsoupClean(str(r.area)!),
      model: str(r.model) === null ? null : jsoupClean(str(r.model)!),
      serialNumber: str(r.serialNumber),
      barCode: str(r.barCode),
      parentId: num(r.parentId) ?? num(parent?.id),
      status: 'OPERATIONAL',
      archived: r.archived === true,
      createdAt: opts.now,
      updatedAt: opts.now,
    });
  }
  assets.sort((a, b) => a.id - b.id);
  const users = opts.users.map<FakeUser>((u, i) => ({
    id: i + 1,
    email: u.email.toLowerCase(),
    password: u.password,
    firstName: u.firstName ?? (i === 0 ? 'Rivet' : 'User'),
    lastName: u.lastName ?? (i === 0 ? 'Bot' : String(i + 1)),
    phone: '',
    role: roleByCode(u.role ?? 'ADMIN'),
    enabled: true,
    createdAt: opts.now,
    lastLogin: null,
    username: randomUsername(),
  }));
  const categories = ['Repair', 'Electrical', 'Mechanical', 'Safety', 'Preventive'].map((name, i) => ({ id: i + 1, name, description: null, createdAt: opts.now }));
  return {
    users, roles: DEFAULT_ROLES, invitations: [], locations, assets, assetsById: new Map(assets.map((a) => [a.id, a])),
    parentIds: new Set(assets.flatMap((a) => (a.parentId === null ? [] : [a.parentId]))),
    categories, teams: [], workOrders: new Map(), comments: [], files: [], webhooks: [],
    nextId: () => ++seq,
    nextWorkOrderNumber: () => ++woSeq,
  };
}

export function newUser(store: FakeStore, p: { email: string; password: string; firstName: string; lastName: string; phone: string; role: FakeRole; now: Date }): FakeUser {
  const { now, ...fields } = p;
  const u: FakeUser = { id: store.users.reduce((m, x) => Math.max(m, x.id), 0) + 1, username: randomUsername(), enabled: true, lastLogin: null, createdAt: now, ...fields };
  store.users.push(u);
  return u;
}
