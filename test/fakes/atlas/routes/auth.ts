/** §2 and §8.4: health check, sign-in, refresh rotation, /auth/me, sign-up by invitation. */
import { dateOut } from '../jsoup.js';
import { userResponse } from '../dto.js';
import { HttpError, me, objectBody, ok, refId, type Route, type World } from '../http.js';
import { newUser } from '../store.js';

function authResponse(world: World, userId: number, email: string) {
  const t = world.tokens.issue(userId, email);
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, tokenType: 'Bearer', expiresAt: dateOut(t.expiresAt) };
}

export function paidUsers(world: World): number {
  return world.store.users.filter((u) => u.enabled && u.role.paid).length;
}

export function checkPaidCap(world: World, rolePaid: boolean): void {
  if (!world.licensed && rolePaid && paidUsers(world) >= world.paidUserCap) {
    // §0/§6.2: a plain RuntimeException, so a 500.
    throw new HttpError(500, `Cannot create more users than the free license allows: ${world.paidUserCap}. Refer to https://grashjs.github.io/user-guide/license`);
  }
}

export const authRoutes: Route[] = [
  { method: 'GET', pattern: /^\/health-check$/, public: true, handle: () => ok({ success: true, message: 'Service is up and running' }) },
  {
    method: 'POST', pattern: /^\/auth\/signin$/, public: true,
    handle(ctx, world) {
      const b = objectBody(ctx);
      if (typeof b.email !== 'string' || typeof b.password !== 'string') throw new HttpError(400, 'must not be null');
      const u = world.store.users.find((x) => x.email === (b.email as string).toLowerCase());
      const type = b.type ?? 'CLIENT';
      if (!u || u.password !== b.password || !u.enabled || type !== 'CLIENT') throw new HttpError(403, 'Invalid credentials');
      u.lastLogin = world.now();
      return ok(authResponse(world, u.id, u.email));
    },
  },
  {
    method: 'POST', pattern: /^\/auth\/refresh$/, public: true,
    handle(ctx, world) {
      const b = objectBody(ctx);
      if (typeof b.refreshToken !== 'string' || !b.refreshToken.trim()) throw new HttpError(400, 'must not be blank');
      const r = world.tokens.refresh(b.refreshToken);
      if (!r.ok) throw new HttpError(401, r.message);
      const u = world.store.users.find((x) => x.id === r.userId);
      if (!u || !u.enabled) throw new HttpError(401, 'Session has been revoked. Please sign in again');
      return ok(authResponse(world, u.id, u.email));
    },
  },
  { method: 'GET', pattern: /^\/auth\/me$/, handle: (ctx) => ok(userResponse(me(ctx))) },
  {
    method: 'POST', pattern: /^\/auth\/logout$/,
    handle(ctx, world) {
      world.tokens.revokeUser(me(ctx).id);
      return ok({ success: true, message: 'Logged out successfully' });
    },
  },
  {
    method: 'POST', pattern: /^\/auth\/signup$/, public: true,
    handle(ctx, world) {
      const b = objectBody(ctx);
      for (const k of ['email', 'password', 'firstName', 'lastName', 'phone']) {
        if (typeof b[k] !== 'string') throw new HttpError(400, 'must not be null');
      }
      const email = (b.email as string).toLowerCase();
      const password = b.password as string;
      if (password.length < 12) throw new HttpError(400, 'Password must be at least 12 characters');
      if (password.length > 128) throw new HttpError(400, 'Password must be at most 128 characters');
      if (world.store.users.some((u) => u.email === email)) throw new HttpError(422, 'Email is already in use');
      const roleId = refId(b.role);
      if (roleId === null) throw new HttpError(406, 'You are not allowed to create an account without being invited');
      const role = world.store.roles.find((r) => r.id === roleId);
      const invited = world.store.invitations.some((i) => i.email === email && i.roleId === roleId);
      if (!role || !invited) throw new HttpError(500, 'Index 0 out of bounds for length 0'); // §6.2 [UNCONFIRMED] no invitation
      checkPaidCap(world, role.paid);
      const u = newUser(world.store, {
        email, password, firstName: b.firstName as string, lastName: b.lastName as string, phone: b.phone as string, role, now: world.now(),
      });
      world.store.invitations = world.store.invitations.filter((i) => i.email !== email);
      const t = world.tokens.issue(u.id, u.email);
      return ok({ success: true, message: t.accessToken, user: userResponse(u), refreshToken: t.refreshToken });
    },
  },
];
