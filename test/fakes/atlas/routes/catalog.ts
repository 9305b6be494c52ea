/** §5 and §3.7: assets, locations, work-order categories. */
import { dateOut } from '../jsoup.js';
import { assetMini, assetShow, locationMini } from '../dto.js';
import { HttpError, idParam, me, objectBody, ok, requirePermission, type Route } from '../http.js';
import { searchPage, type FieldTable } from '../search.js';
import type { FakeAsset, FakeLocation } from '../store.js';

export const assetFields: FieldTable<FakeAsset> = {
  id: { kind: 'number', get: (a) => a.id },
  customId: { kind: 'string', get: (a) => a.customId },
  name: { kind: 'string', get: (a) => a.name },
  description: { kind: 'string', get: (a) => a.description },
  area: { kind: 'string', get: (a) => a.area },
  model: { kind: 'string', get: (a) => a.model },
  serialNumber: { kind: 'string', get: (a) => a.serialNumber },
  barCode: { kind: 'string', get: (a) => a.barCode },
  status: { kind: 'enum', get: (a) => a.status },
  archived: { kind: 'boolean', get: (a) => a.archived },
  location: { kind: 'ref', get: (a) => a.locationId },
  category: { kind: 'ref', get: (a) => a.category?.id ?? null },
  parentAsset: { kind: 'ref', get: (a) => a.parentId },
  createdAt: { kind: 'date', get: (a) => a.createdAt },
  updatedAt: { kind: 'date', get: (a) => a.updatedAt },
};

const locationFields: FieldTable<FakeLocation> = {
  id: { kind: 'number', get: (l) => l.id },
  name: { kind: 'string', get: (l) => l.name },
  customId: { kind: 'string', get: (l) => l.customId },
  address: { kind: 'string', get: (l) => l.address },
  parentLocation: { kind: 'ref', get: (l) => l.parentId },
};

function locationShow(l: FakeLocation) {
  return {
    id: l.id, createdBy: 1, updatedBy: 1, createdAt: null, updatedAt: null, name: l.name, address: l.address,
    longitude: null, latitude: null, hasChildren: false, teams: [], parentLocation: null, vendors: [], customers: [],
    workers: [], image: null, files: [], customId: l.customId, customFieldValues: [],
  };
}

export const catalogRoutes: Route[] = [
  { method: 'GET', pattern: /^\/assets\/mini$/, handle(ctx, world) {
    me(ctx);
    const loc = ctx.query.get('locationId');
    const list = loc === null ? world.store.assets : world.store.assets.filter((a) => a.locationId === Number(loc));
    return ok(list.map(assetMini));
  } },
  { method: 'POST', pattern: /^\/assets\/search$/, handle(ctx, world) {
    requirePermission(ctx, 'view', 'ASSETS', 'Access Denied');
    return ok(searchPage('Asset', assetFields, world.store.assets, objectBody(ctx), (a) => assetShow(world.store, a), [], true));
  } },
  { method: 'GET', pattern: /^\/assets\/([^/]+)$/, handle(ctx, world) {
    me(ctx);
    const a = world.store.assetsById.get(idParam(ctx));
    if (!a) throw new HttpError(404, 'Not found');
    return ok(assetShow(world.store, a));
  } },
  { method: 'GET', pattern: /^\/locations\/mini$/, handle(ctx, world) {
    me(ctx);
    return ok([...world.store.locations.values()].map(locationMini));
  } },
  { method: 'POST', pattern: /^\/locations\/search$/, handle(ctx, world) {
    requirePermission(ctx, 'view', 'LOCATIONS', 'Access Denied');
    const list = [...world.store.locations.values()].sort((a, b) => a.id - b.id);
    return ok(searchPage('Location', locationFields, list, objectBody(ctx), locationShow, [], true));
  } },
  { method: 'GET', pattern: /^\/locations\/([^/]+)$/, handle(ctx, world) {
    me(ctx);
    const l = world.store.locations.get(idParam(ctx));
    if (!l) throw new HttpError(404, 'Not found');
    return ok(locationShow(l));
  } },
  { method: 'GET', pattern: /^\/work-order-categories$/, handle(ctx, world) {
    requirePermission(ctx, 'view', 'CATEGORIES', 'Access Denied');
    return ok(world.store.categories.map((c) => ({
      createdBy: 1, updatedBy: 1, createdAt: dateOut(c.createdAt), updatedAt: dateOut(c.createdAt), name: c.name, description: c.description, demo: false, id: c.id,
    })));
  } },
];
