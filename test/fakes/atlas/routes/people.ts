/** §6: roles, users (search, read, switch off/on, role), invitations (with the 5-paid-user cap on unlicensed instances). */
import { userMini, userResponse } from '../dto.js';
import { HttpError, idParam, me, objectBody, ok, refId, requirePermission, type Ctx, type Route, type World } from '../http.js';
import { searchPage, type FieldTable } from '../search.js';
import type { FakeUser } from '../store.js';
import { checkPaidCap } from './auth.js';

const userFields: FieldTable<FakeUser> = {
  id: { kind: 'number', get: (u) => u.id },
  email: { kind: 'string', get: (u) => u.email },
  firstName: { kind: 'string', get: (u) => u.firstName },
  lastName: { kind: 'string', get: (u) => u.lastName },
  phone: { kind: 'string', get: (u) => u.phone },
  enabled: { kind: 'boolean', get: (u) => u.enabled },
  role: { kind: 'ref', get: (u) => u.role.id },
  createdAt: { kind: 'date', get: (u) => u.createdAt },
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** §6.3: another company's user (or none) is 404 "Not found"; reading people needs PEOPLE_AND_TEAMS. */
function userOf(ctx: Ctx, world: World, message = 'Access denied'): FakeUser {
  requirePermission(ctx, 'view', 'PEOPLE_AND_TEAMS', message);
  const u = world.store.users.find((x) => x.id === idParam(ctx));
  if (!u) throw new HttpError(404, 'Not found');
  return u;
}

function requireEditPeople(ctx: Ctx): void {
  const u = me(ctx);
  if (!u.role.createPermissions.includes('PEOPLE_AND_TEAMS')) throw new HttpError(403, 'Access denied');
}

export const peopleRoutes: Route[] = [
  { method: 'GET', pattern: /^\/users\/invitations\/last-week$/, handle(ctx, world) {
    me(ctx);
    return ok(world.store.invitations.map((i) => {
      const role = world.store.roles.find((r) => r.id === i.roleId);
      return { email: i.email, roleId: i.roleId, roleName: role?.name ?? null };
    }));
  } },
  { method: 'GET', pattern: /^\/users\/(\d+)$/, handle: (ctx, world) => ok(userResponse(userOf(ctx, world))) },
  { method: 'PATCH', pattern: /^\/users\/(\d+)\/(disable|enable)$/, handle(ctx, world) {
    requireEditPeople(ctx);
    const u = userOf(ctx, world);
    if (ctx.params[1] === 'enable' && !u.enabled) checkPaidCap(world, u.role.paid);
    u.enabled = ctx.params[1] === 'enable';
    if (!u.enabled) world.tokens.revokeUser(u.id);
    return ok(userResponse(u));
  } },
  { method: 'PATCH', pattern: /^\/users\/(\d+)\/role$/, handle(ctx, world) {
    requireEditPeople(ctx);
    const u = userOf(ctx, world);
    const roleId = Number(ctx.query.get('role'));
    const role = world.store.roles.find((r) => r.id === roleId);
    if (!role) throw new HttpError(404, 'Not found');
    if (u.enabled && role.paid && !u.role.paid) checkPaidCap(world, true);
    u.role = role;
    return ok(userResponse(u));
  } },
  { method: 'GET', pattern: /^\/roles$/, handle(ctx, world) {
    const u = me(ctx);
    if (!u.role.viewPermissions.includes('SETTINGS')) throw new HttpError(403, 'Forbidden');
    return ok(world.store.roles);
  } },
  { method: 'POST', pattern: /^\/users\/search$/, handle(ctx, world) {
    requirePermission(ctx, 'view', 'PEOPLE_AND_TEAMS', 'Access Denied');
    const enabledOnly = ctx.query.get('enabledOnly') !== 'false';
    return ok(searchPage('OwnUser', userFields, world.store.users, objectBody(ctx), userResponse, enabledOnly ? [(u) => u.enabled] : [], true));
  } },
  { method: 'GET', pattern: /^\/users\/mini$/, handle(ctx, world) {
    me(ctx);
    const all = ctx.query.get('withRequesters') === 'true';
    return ok(world.store.users.filter((u) => u.enabled && (all || !['REQUESTER', 'VIEW_ONLY'].includes(u.role.code))).map(userMini));
  } },
  { method: 'POST', pattern: /^\/users\/invite$/, handle(ctx, world) {
    requirePermission(ctx, 'create', 'PEOPLE_AND_TEAMS');
    const b = objectBody(ctx);
    const roleId = refId(b.role);
    const role = world.store.roles.find((r) => r.id === roleId);
    if (!role) throw new HttpError(404, 'Not found');
    const emails = Array.isArray(b.emails) ? b.emails.filter((e): e is string => typeof e === 'string').map((e) => e.toLowerCase()) : [];
    for (const email of emails) {
      if (!EMAIL.test(email) || world.store.users.some((u) => u.email === email)) throw new HttpError(406, 'Email already in use');
    }
    checkPaidCap(world, role.paid);
    for (const email of emails) world.store.invitations.push({ email, roleId: role.id });
    return ok({ success: true, message: 'Users have been invited' });
  } },
];
