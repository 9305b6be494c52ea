/** From Atlas's shapes to the core vocabulary (src/core/model.ts). */
import type { AssetRecord, WorkOrderSummary } from '../../core/model.js';
import { stripMarkers } from './marker.js';
import type { AtlasAsset, AtlasAssetMini, AtlasLocationMini, AtlasUserMini, AtlasWorkOrder, WorkOrderPatch } from './types.js';

export function personName(u: AtlasUserMini): string {
  return [u.firstName, u.lastName].filter(Boolean).join(' ').trim() || `user ${u.id}`;
}

export function toWorkOrderSummary(wo: AtlasWorkOrder): WorkOrderSummary {
  const people = [...(wo.primaryUser ? [wo.primaryUser] : []), ...wo.assignedTo];
  const seen = new Set<number>();
  const assignees = people.filter((u) => !seen.has(u.id) && seen.add(u.id)).map(personName);
  return {
    id: wo.id,
    customId: wo.customId,
    title: wo.title,
    description: stripMarkers(wo.description),
    status: wo.status,
    priority: wo.priority,
    asset: wo.asset ? { id: wo.asset.id, name: wo.asset.name } : null,
    location: wo.location ? { id: wo.location.id, name: wo.location.name } : null,
    assignees,
    people: {
      createdBy: wo.createdBy,
      primaryUserId: wo.primaryUser?.id ?? null,
      assignedToIds: wo.assignedTo.map((u) => u.id),
      teamUserIds: wo.team?.users.map((u) => u.id) ?? [],
    },
    createdAt: wo.createdAt,
    updatedAt: wo.updatedAt,
    dueDate: wo.dueDate,
    completedOn: wo.completedOn,
  };
}

/** The complete PATCH body for a work order as it is now (§3.5: every nested object as `{id}`). */
export function toWorkOrderPatch(wo: AtlasWorkOrder): WorkOrderPatch {
  const ref = (x: { id: number } | null) => (x ? { id: x.id } : null);
  return {
    title: wo.title,
    description: wo.description,
    priority: wo.priority,
    dueDate: wo.dueDate,
    estimatedStartDate: wo.estimatedStartDate,
    estimatedDuration: wo.estimatedDuration ?? 0,
    requiredSignature: wo.requiredSignature,
    image: ref(wo.image),
    category: ref(wo.category),
    location: ref(wo.location),
    team: ref(wo.team),
    primaryUser: ref(wo.primaryUser),
    assignedTo: wo.assignedTo.map((u) => ({ id: u.id })),
    customers: wo.customers.map((c) => ({ id: c.id })),
    files: wo.files.map((f) => ({ id: f.id })),
    asset: ref(wo.asset),
    completedBy: ref(wo.completedBy),
    completedOn: wo.completedOn,
    archived: wo.archived,
    customFields: wo.customFieldValues.flatMap((v) => (v.customField ? [{ id: v.customField.id, value: v.value }] : [])),
  };
}

/** A core AssetRecord from the light list, the location names, and (when loaded) the full record. */
export function toAssetRecord(mini: AtlasAssetMini, locations: ReadonlyMap<number, AtlasLocationMini>, full?: AtlasAsset): AssetRecord {
  const locId = full?.location?.id ?? mini.locationId ?? null;
  const locName = full?.location?.name ?? (locId !== null ? locations.get(locId)?.name : undefined);
  return {
    id: mini.id,
    customId: mini.customId ?? full?.customId ?? `A${String(mini.id).padStart(6, '0')}`,
    name: full?.name ?? mini.name,
    description: full?.description ?? null,
    location: locId !== null && locName !== undefined ? { id: locId, name: locName } : null,
    category: full?.category ? { id: full.category.id, name: full.category.name } : null,
    area: full?.area ?? null,
    model: full?.model ?? null,
    serialNumber: full?.serialNumber ?? null,
    barCode: full?.barCode ?? null,
    parentId: mini.parentId ?? full?.parentAsset?.id ?? null,
  };
}

export function assetMiniOf(a: AtlasAsset): AtlasAssetMini {
  return { id: a.id, name: a.name, customId: a.customId, parentId: a.parentAsset?.id ?? null, locationId: a.location?.id ?? null };
}
