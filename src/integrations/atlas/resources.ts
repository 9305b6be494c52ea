/**
 * Calls other than work orders: assets and locations (§5), categories (§3.7), roles and users (§6),
 * comments and files (§7), webhooks (§9).
 */
import { z } from 'zod';
import type { WorkOrderStatus } from '../../core/model.js';
import { criteria } from './criteria.js';
import { AtlasApiError, AtlasResponseError } from './errors.js';
import {
  assetMiniSchema, assetSchema, categorySchema, commentSchema, fileSchema, locationMiniSchema, pageSchema,
  roleSchema, signupResponseSchema, successSchema, userMiniSchema, userSchema, webhookEndpointSchema,
} from './schemas.js';
import type { Transport } from './transport.js';
import type { AtlasFile, AtlasPage, AtlasAsset, AtlasUser, SearchCriteria } from './types.js';
import { toPage } from './work-orders.js';

const assetPage = pageSchema(assetSchema);
const userPage = pageSchema(userSchema);

export interface UploadFile {
  name: string;
  data: Uint8Array;
  mimeType?: string;
  type: 'IMAGE' | 'OTHER';
}

export function createResourceCalls(transport: Transport) {
  const get = <S extends z.ZodType>(path: string, schema: S, query?: Record<string, string>) =>
    transport.call({ method: 'GET', path, auth: true, idempotent: true, ...(query ? { query } : {}) }, schema);

  async function findUserByEmail(email: string): Promise<AtlasUser | null> {
    const wanted = email.trim().toLowerCase();
    const c = criteria().eq('email', wanted).sortBy('id', 'ASC').paging(0, 1).build();
    const page = await transport.call(
      { method: 'POST', path: '/users/search', query: { enabledOnly: 'false' }, body: c, auth: true, idempotent: true },
      userPage,
    );
    return page.content.find((u) => u.email.toLowerCase() === wanted) ?? null;
  }

  const listRoles = () => get('/roles', z.array(roleSchema));

  return {
    getAsset: (id: number) => get(`/assets/${id}`, assetSchema),
    async searchAssets(c: SearchCriteria): Promise<AtlasPage<AtlasAsset>> {
      return toPage(await transport.call({ method: 'POST', path: '/assets/search', body: c, auth: true, idempotent: true }, assetPage));
    },
    listAssets: () => get('/assets/mini', z.array(assetMiniSchema)),
    listLocations: () => get('/locations/mini', z.array(locationMiniSchema)),
    listCategories: () => get('/work-order-categories', z.array(categorySchema)),
    listRoles,
    findUserByEmail,
    /** §6: enabled users work orders can be assigned to (no requesters or view-only users). */
    listAssignableUsers: () => get('/users/mini', z.array(userMiniSchema)),

    /** §6.2: invite with the role (no email sent), then sign up with the same email; returns the new user. */
    async createUserForPerson(p: { email: string; firstName: string; lastName: string; phone?: string; roleCode?: string; password: string }): Promise<AtlasUser> {
      const email = p.email.trim().toLowerCase();
      const code = p.roleCode ?? 'TECHNICIAN';
      const role = (await listRoles()).find((r) => r.code === code);
      if (!role) throw new AtlasApiError({ status: 404, atlasMessage: `No role with code ${code}`, method: 'GET', path: '/roles' });
      await transport.call(
        { method: 'POST', path: '/users/invite', body: { role: { id: role.id }, emails: [email], disableSendingEmail: true }, auth: true, idempotent: true },
        successSchema,
      );
      const signup = await transport.call(
        {
          method: 'POST', path: '/auth/signup', auth: false, idempotent: false,
          body: { email, password: p.password, firstName: p.firstName, lastName: p.lastName, phone: p.phone ?? '', role: { id: role.id } },
        },
        signupResponseSchema,
      );
      if (signup.user) return signup.user;
      const found = await findUserByEmail(email);
      if (!found) throw new AtlasApiError({ status: 404, atlasMessage: 'Signed up but the user is not visible yet', method: 'POST', path: '/auth/signup' });
      return found;
    },

    async addComment(workOrderId: number, content: string, fileIds: number[] = []) {
      return transport.call(
        { method: 'POST', path: '/comments', body: { workOrder: { id: workOrderId }, content, files: fileIds.map((id) => ({ id })) }, auth: true, idempotent: false },
        commentSchema,
      );
    },

    /** §7.2: multipart; `type` applies to a whole request, so files are sent in one request per type. */
    async uploadFiles(files: UploadFile[], opts: { folder?: string; hidden?: boolean } = {}): Promise<AtlasFile[]> {
      const out: AtlasFile[] = new Array<AtlasFile>(files.length);
      for (const type of ['IMAGE', 'OTHER'] as const) {
        const indexes = files.flatMap((f, i) => (f.type === type ? [i] : []));
        const group = indexes.map((i) => files[i]!);
        if (group.length === 0) continue;
        const form = new FormData();
        for (const f of group) form.append('files', new Blob([f.data], { type: f.mimeType ?? 'application/octet-stream' }), f.name);
        form.append('folder', opts.folder ?? 'rivet');
        form.append('hidden', String(opts.hidden ?? false));
        form.append('type', type);
        const uploaded = await transport.call({ method: 'POST', path: '/files/upload', form, auth: true, idempotent: false }, z.array(fileSchema));
        if (uploaded.length !== group.length) {
          throw new AtlasResponseError({ status: 200, detail: `uploaded ${group.length} files, Atlas returned ${uploaded.length}`, method: 'POST', path: '/files/upload' });
        }
        indexes.forEach((at, k) => (out[at] = uploaded[k]!));
      }
      return out;
    },

    attachFilesToWorkOrder: (workOrderId: number, fileIds: number[]) =>
      transport.call(
        { method: 'PATCH', path: `/work-orders/files/${workOrderId}/add`, body: fileIds.map((id) => ({ id })), auth: true, idempotent: true },
        z.array(fileSchema),
      ),

    registerWebhook: (w: { url: string; event: string; workOrderStatuses?: WorkOrderStatus[] }) =>
      transport.call(
        { method: 'POST', path: '/webhook-endpoints', body: { url: w.url, event: w.event, workOrderStatuses: w.workOrderStatuses ?? null }, auth: true, idempotent: false },
        webhookEndpointSchema,
      ),
    listWebhooks: () => get('/webhook-endpoints', z.array(webhookEndpointSchema)),
    deleteWebhook: (id: number) => transport.callVoid({ method: 'DELETE', path: `/webhook-endpoints/${id}`, auth: true, idempotent: true }),
  };
}

export type ResourceCalls = ReturnType<typeof createResourceCalls>;
