/**
 * Writes that must land once although a call can time out while Atlas still does it (a slow
 * Atlas, a dropped answer), so a retry must first find out what happened:
 *  - a comment carries its key's marker (the same `rivet-ref:` line as work orders) and is looked
 *    for among the work order's comments (§7.1, not paged) before it is posted;
 *  - a status change compares the work order's status first, and is not sent again in the same
 *    call after an ambiguous failure (a repeated change means a second history entry and e-mail).
 * After an ambiguous failure the call waits as long again as the timeout, then looks; found is
 * success, not found throws the original error (the job retries later and looks first again).
 */
import { z } from 'zod';
import type { WorkOrderStatus } from '../../core/model.js';
import { AtlasNetworkError } from './errors.js';
import { hasMarker, withMarker } from './marker.js';
import { commentSchema } from './schemas.js';
import type { Transport } from './transport.js';
import type { AtlasComment, AtlasWorkOrder } from './types.js';
import { isAmbiguous, type WorkOrderCalls } from './work-orders.js';

export function createOnceCalls(transport: Transport, wo: WorkOrderCalls, addComment: (workOrderId: number, content: string) => Promise<AtlasComment>) {
  const listComments = (workOrderId: number) =>
    transport.call({ method: 'POST', path: `/comments/search/${workOrderId}`, body: {}, auth: true, idempotent: true }, z.array(commentSchema));

  /** Waits out a request Atlas may still be working on, then asks. */
  async function afterAmbiguous<T>(e: unknown, look: () => Promise<T | null>): Promise<T> {
    if (!isAmbiguous(e)) throw e;
    if (e instanceof AtlasNetworkError && e.failure === 'timeout') await transport.sleep(transport.timeoutMs);
    let found: T | null;
    try {
      found = await look();
    } catch {
      throw e; // cannot tell: do not write again now
    }
    if (found !== null) return found;
    throw e;
  }

  return {
    /** The work order's comments and system history, newest first (§7.1). */
    listComments,

    /** Idempotent per key: posts `content` with the key's marker, unless a comment with it is already there. */
    async addCommentOnce(workOrderId: number, content: string, opts: { idempotencyKey: string; beforeWrite?: () => Promise<void> }): Promise<AtlasComment> {
      const find = async () => (await listComments(workOrderId)).find((c) => !c.system && hasMarker(c.content, opts.idempotencyKey)) ?? null;
      const existing = await find();
      if (existing) return existing;
      await opts.beforeWrite?.();
      try {
        return await addComment(workOrderId, withMarker(content, opts.idempotencyKey));
      } catch (e) {
        return afterAmbiguous(e, find);
      }
    },

    /** Changes the status unless it already is that (with the same feedback, when one is given). */
    async changeStatusOnce(workOrderId: number, status: WorkOrderStatus, feedback?: string | null, opts: { beforeWrite?: () => Promise<void> } = {}): Promise<AtlasWorkOrder> {
      const done = (w: AtlasWorkOrder) => w.status === status && (!feedback || (w.feedback ?? '') === feedback);
      const current = await wo.getWorkOrder(workOrderId);
      if (done(current)) return current;
      await opts.beforeWrite?.();
      try {
        return await wo.changeStatus(workOrderId, status, feedback ?? null, { retry: false });
      } catch (e) {
        return afterAmbiguous(e, async () => {
          const after = await wo.getWorkOrder(workOrderId);
          return done(after) ? after : null;
        });
      }
    },
  };
}
