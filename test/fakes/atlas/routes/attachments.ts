/** §7: comments and multipart file uploads (licence FILE_ATTACHMENTS). */
import { cleanOrNull } from '../jsoup.js';
import { commentShow, fileShow } from '../dto.js';
import { HttpError, idParam, me, objectBody, ok, refId, refIds, requirePermission, type Route } from '../http.js';

export const attachmentRoutes: Route[] = [
  { method: 'POST', pattern: /^\/comments$/, handle(ctx, world) {
    const u = me(ctx);
    const b = objectBody(ctx);
    const woId = refId(b.workOrder);
    if (woId === null) throw new HttpError(400, 'must not be null');
    const content = cleanOrNull(b.content);
    if (!content) throw new HttpError(400, 'must not be blank');
    if (!world.store.workOrders.has(woId)) throw new HttpError(404, 'Work Order not found');
    const fileIds = refIds(b.files);
    for (const id of fileIds) if (!world.store.files.some((f) => f.id === id)) throw new HttpError(500, `Unable to find com.grash.model.File with id ${id}`);
    const c = { id: world.store.nextId(), workOrderId: woId, userId: u.id, content, fileIds, createdAt: world.now() };
    world.store.comments.push(c);
    return ok(commentShow(world.store, c, world.origin()));
  } },
  { method: 'POST', pattern: /^\/comments\/search\/([^/]+)$/, handle(ctx, world) {
    me(ctx);
    const woId = idParam(ctx);
    if (!world.store.workOrders.has(woId)) throw new HttpError(404, 'Work Order not found');
    const list = world.store.comments.filter((c) => c.workOrderId === woId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
    return ok(list.map((c) => commentShow(world.store, c, world.origin())));
  } },
  { method: 'POST', pattern: /^\/files\/upload$/, async handle(ctx, world) {
    const u = me(ctx);
    if (!world.licensed) throw new HttpError(403, 'You need a license to add a file');
    requirePermission(ctx, 'create', 'FILES', 'Access Denied');
    if (!String(ctx.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      throw new HttpError(500, `Content-Type '${ctx.headers['content-type'] ?? ''}' is not supported`);
    }
    const form = await ctx.formData();
    const param = (k: string) => {
      const v = form.get(k) ?? ctx.query.get(k);
      if (typeof v !== 'string') throw new HttpError(500, `Required request parameter '${k}' for method parameter type String is not present`);
      return v;
    };
    const folder = param('folder').replace(/[^a-zA-Z0-9._-]/g, '_');
    const hidden = param('hidden') === 'true';
    const type = param('type');
    if (type !== 'IMAGE' && type !== 'OTHER') throw new HttpError(500, `Failed to convert value of type 'java.lang.String' to required type 'com.grash.model.enums.FileType'`);
    const parts = form.getAll('files').flatMap((p) => (typeof p === 'string' ? [] : [p as unknown as { name: string; size: number }]));
    if (parts.length === 0) throw new HttpError(500, "Required part 'files' is not present.");
    if (parts.some((p) => p.size === 0)) throw new HttpError(400, 'Uploaded file is empty.');
    const out = parts.map((p) => {
      const f = { id: world.store.nextId(), name: p.name, type, hidden, folder, size: p.size, createdBy: u.id, createdAt: world.now() };
      world.store.files.push(f);
      return fileShow(f, world.origin());
    });
    return ok(out);
  } },
];
