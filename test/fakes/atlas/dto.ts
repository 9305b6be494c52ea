/** Entities → the DTOs Atlas returns (contract §3.4, §5, §6.3, §7, §9.1). Every key present, null when unset. */
import { dateOut, instantOut } from './jsoup.js';
import type { FakeAsset, FakeComment, FakeFile, FakeLocation, FakeStore, FakeUser, FakeWebhook, FakeWorkOrder } from './store.js';

export function userMini(u: FakeUser | undefined) {
  return u ? { id: u.id, firstName: u.firstName, lastName: u.lastName, image: null, phone: u.phone } : null;
}

export function userResponse(u: FakeUser) {
  return {
    id: u.id, username: u.username, email: u.email, role: u.role, rate: 0, jobTitle: null,
    firstName: u.firstName, lastName: u.lastName, phone: u.phone, ownsCompany: u.id === 1, companyId: 1,
    companySettingsId: 1, userSettingsId: u.id, image: null, superAccountRelations: [], parentSuperAccount: null,
    enabled: u.enabled, enabledInSubscription: true,
    uiConfiguration: { id: 1, requests: true, locations: true, meters: true, vendorsAndCustomers: true },
    lastLogin: dateOut(u.lastLogin), createdAt: dateOut(u.createdAt), paddleUserId: null, shiftConfiguration: null,
  };
}

export function locationMini(l: FakeLocation | undefined) {
  return l ? { id: l.id, name: l.name, address: l.address, customId: l.customId, parentId: l.parentId } : null;
}

export function assetMini(a: FakeAsset | undefined) {
  return a ? { id: a.id, name: a.name, customId: a.customId, parentId: a.parentId, locationId: a.locationId } : null;
}

export function fileShow(f: FakeFile, origin: string) {
  return {
    id: f.id, createdBy: f.createdBy, updatedBy: f.createdBy, createdAt: instantOut(f.createdAt), updatedAt: instantOut(f.createdAt),
    name: f.name, url: fileUrl(f, origin), type: f.type, hidden: f.hidden,
  };
}

function fileUrl(f: FakeFile, origin: string): string {
  return `${origin}/storage/atlas-bucket/company_1/${f.id}_${encodeURIComponent(f.name)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=10800&X-Amz-Signature=fake`;
}

export function assetShow(s: FakeStore, a: FakeAsset) {
  const hasChildren = s.parentIds.has(a.id);
  return {
    id: a.id, createdBy: 1, updatedBy: 1, createdAt: instantOut(a.createdAt), updatedAt: instantOut(a.updatedAt),
    archived: a.archived, hasChildren, description: a.description, image: null,
    location: locationMini(a.locationId !== null ? s.locations.get(a.locationId) : undefined),
    parentAsset: assetMini(a.parentId !== null ? s.assetsById.get(a.parentId) : undefined),
    area: a.area, barCode: a.barCode, nfcId: null, category: a.category, name: a.name,
    primaryUser: null, assignedTo: [], teams: [], vendors: [], customers: [], deprecation: null,
    warrantyExpirationDate: null, inServiceDate: null, additionalInfos: null, serialNumber: a.serialNumber, model: a.model,
    status: a.status, acquisitionCost: null, files: [], parts: [], power: null, manufacturer: null, customId: a.customId,
    customFieldValues: [],
  };
}

export function workOrderShow(s: FakeStore, w: FakeWorkOrder, origin: string) {
  const user = (id: number | null) => (id === null ? null : userMini(s.users.find((u) => u.id === id)));
  const file = (id: number) => s.files.find((f) => f.id === id);
  const cat = w.categoryId === null ? null : s.categories.find((c) => c.id === w.categoryId);
  return {
    id: w.id, createdBy: w.createdBy, updatedBy: w.updatedBy, createdAt: instantOut(w.createdAt), updatedAt: instantOut(w.updatedAt),
    dueDate: dateOut(w.dueDate), priority: w.priority, estimatedDuration: w.estimatedDuration,
    estimatedStartDate: dateOut(w.estimatedStartDate), description: w.description, title: w.title,
    requiredSignature: w.requiredSignature,
    category: cat ? { id: cat.id, name: cat.name } : null,
    location: locationMini(w.locationId === null ? undefined : s.locations.get(w.locationId)),
    team: teamMini(s, w.teamId),
    primaryUser: user(w.primaryUserId),
    assignedTo: w.assignedToIds.map(user).filter((u) => u !== null),
    customers: [],
    asset: assetMini(w.assetId === null ? undefined : s.assetsById.get(w.assetId)),
    files: w.fileIds.map(file).filter((f) => f !== undefined).map((f) => ({ id: f.id, name: f.name, url: fileUrl(f, origin) })),
    image: null,
    customFieldValues: w.customFields.map((c) => ({ customField: { id: c.id }, value: c.value })),
    completedBy: user(w.completedById),
    completedOn: dateOut(w.completedOn),
    archived: w.archived, parentRequest: null, parentPreventiveMaintenance: null,
    signature: w.signature, status: w.status, feedback: w.feedback, audioDescription: null, customId: w.customId,
  };
}

function teamMini(s: FakeStore, id: number | null) {
  const team = id === null ? undefined : s.teams.find((t) => t.id === id);
  return team ? { id: team.id, name: team.name, users: team.userIds.map((u) => userMini(s.users.find((x) => x.id === u))).filter((u) => u !== null) } : null;
}

export function workOrderMini(w: FakeWorkOrder) {
  return { id: w.id, title: w.title, dueDate: dateOut(w.dueDate), createdAt: instantOut(w.createdAt), priority: w.priority, status: w.status, customId: w.customId };
}

export function commentShow(s: FakeStore, c: FakeComment, origin: string) {
  return {
    id: c.id, createdBy: c.userId, updatedBy: c.userId, createdAt: instantOut(c.createdAt), updatedAt: instantOut(c.createdAt),
    user: userMini(s.users.find((u) => u.id === c.userId)), content: c.content,
    files: c.fileIds.map((id) => s.files.find((f) => f.id === id)).filter((f) => f !== undefined).map((f) => fileShow(f, origin)),
    system: false,
  };
}

export function webhookShow(w: FakeWebhook) {
  return {
    id: w.id, createdBy: w.createdBy, updatedBy: w.createdBy, createdAt: instantOut(w.createdAt), updatedAt: instantOut(w.createdAt),
    url: w.url, secret: w.secret, code: null, enabled: true, event: w.event, lastTriggeredAt: dateOut(w.lastTriggeredAt),
    assetStatuses: null, workOrderStatuses: w.workOrderStatuses, workOrderCategories: null, woFields: null, partFields: null,
    approved: null, serialize: w.serialize,
  };
}
