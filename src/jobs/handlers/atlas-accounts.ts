/**
 * A new person's Atlas user (contract §6.2: invite, then sign up with the same email), with the
 * role ATLAS_DEFAULT_ROLE (the free Requester by default, so the 5-paid-user cap is not hit),
 * and its id stored on the person. An existing Atlas user with that email is adopted, which is
 * also how a retry after a lost answer finds its own work. When Atlas refuses (a licence cap)
 * the job keeps retrying and supervisors are told once; the Rivet account works all along.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { personLabel, provisioningTexts, splitName, type AccountStore } from '../../core/provisioning/index.js';
import { explainFailure } from '../../core/notices.js';
import { AtlasApiError, AtlasLicenseError, type AtlasClient } from '../../integrations/atlas/index.js';
import { PermanentJobError } from '../errors.js';
import type { JobHandler } from '../runner.js';
import { alertSupervisors, type SupervisorAlertDeps } from './supervisor-alerts.js';

export interface AtlasAccountJob { userId: string }

/** Atlas refused for a reason that may pass (a seat freed, a licence added): retried, not failed. */
export class AtlasAccountRefusedError extends Error {
  override readonly name = 'AtlasAccountRefusedError';
}

export interface AtlasAccountDeps extends SupervisorAlertDeps {
  organizationId: string;
  atlas: AtlasClient | null;
  accounts: AccountStore;
  /** Atlas role code for new people (ATLAS_DEFAULT_ROLE). */
  roleCode: string;
  clock: { now(): Date };
  logger: Logger;
}

/** Meets Atlas's rules (12+ characters, not common, not one repeated character); never stored. */
const newPassword = () => `${randomBytes(18).toString('base64url')}-Rv9`;

const isEmailTaken = (e: unknown) => e instanceof AtlasApiError && (e.status === 406 || e.status === 422) && /already in use/i.test(e.atlasMessage ?? '');

export function atlasAccountHandler(deps: AtlasAccountDeps): JobHandler<AtlasAccountJob> {
  /** People whose supervisors already heard why (so the "delayed" notice is not a second, vaguer one). */
  const refused = new Set<string>();
  const key = (userId: string, what: string) => `atlas-account/${userId}/${what}`;

  return {
    async run({ userId }, ctx) {
      const account = await deps.accounts.get(userId);
      if (!account || !account.email || account.atlasUserId !== null) return;
      if (!deps.atlas) {
        ctx.logger.info('Atlas is not configured; no Atlas account created');
        return;
      }
      const atlas = deps.atlas;
      const store = async (atlasUserId: number, how: string) => {
        await deps.accounts.update(userId, { atlasUserId }, deps.clock.now());
        ctx.logger.info({ userId, atlasUserId, how }, 'atlas account linked');
      };
      const existing = await atlas.findUserByEmail(account.email);
      if (existing) return store(existing.id, 'adopted');
      try {
        const { firstName, lastName } = splitName(account.displayName, account.email);
        const created = await atlas.createUserForPerson({ email: account.email, firstName, lastName, roleCode: deps.roleCode, password: newPassword() });
        return await store(created.id, 'created');
      } catch (e) {
        if (isEmailTaken(e)) {
          const found = await atlas.findUserByEmail(account.email);
          if (found) return store(found.id, 'adopted');
        }
        if (e instanceof AtlasLicenseError) {
          if (!refused.has(userId)) {
            refused.add(userId);
            await alertSupervisors(deps, { organizationId: account.organizationId, key: key(userId, 'refused'), text: provisioningTexts.atlasRefused(personLabel(account), e.hint) });
          }
          throw new AtlasAccountRefusedError(e.message);
        }
        if (e instanceof AtlasApiError && e.status === 404 && e.path === '/roles') {
          throw new PermanentJobError({ kind: 'rejected', status: 404, detail: `Atlas has no role ${deps.roleCode} (ATLAS_DEFAULT_ROLE)` });
        }
        throw e;
      }
    },
    async onDelayed({ userId }) {
      if (refused.has(userId)) return;
      const account = await deps.accounts.get(userId);
      if (!account) return;
      await alertSupervisors(deps, { organizationId: account.organizationId, key: key(userId, 'delayed'), text: provisioningTexts.atlasDelayed(personLabel(account)) });
    },
    async onPermanent({ userId }, cause) {
      const account = await deps.accounts.get(userId);
      if (!account) return;
      await alertSupervisors(deps, { organizationId: account.organizationId, key: key(userId, 'gave-up'), text: provisioningTexts.atlasGaveUp(personLabel(account), explainFailure(cause)) });
    },
  };
}
