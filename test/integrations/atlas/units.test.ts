import { describe, expect, it } from 'vitest';
import { criteria, hasMarker, markerFor, stripMarkers, unescapeHtml, WORK_ORDER_MARKER_PREFIX } from '../../../src/integrations/atlas/index.js';
import { workOrderSchema } from '../../../src/integrations/atlas/schemas.js';
import { jsoupClean } from '../../fakes/atlas/jsoup.js';

describe('pieces', () => {
  it('§1.2 unescapes what Jsoup escaped, and the fake escapes like Jsoup', () => {
    expect(unescapeHtml('Motors &amp; Drives &lt;5&gt; &#39;x&#39; &#x41;')).toBe("Motors & Drives <5> 'x' A");
    expect(jsoupClean('  <p>Hi &amp; <b>bye</b></p> ')).toBe('Hi &amp; bye');
    expect(unescapeHtml(jsoupClean('a < b & c'))).toBe('a < b & c');
  });

  it('§1.3 parses both date formats and epoch milliseconds', () => {
    const base = { id: 1, customId: 'WO000001', title: 't', status: 'OPEN', createdAt: '2025-05-12T08:15:30.120Z', updatedAt: '2025-05-12T08:15:30Z' };
    const wo = workOrderSchema.parse({ ...base, dueDate: '2025-05-14T16:00:00.000+00:00', completedOn: 1747238400000, extra: { ignored: true } });
    expect(wo.dueDate?.toISOString()).toBe('2025-05-14T16:00:00.000Z');
    expect(wo.updatedAt.toISOString()).toBe('2025-05-12T08:15:30.000Z');
    expect(wo.completedOn?.getTime()).toBe(1747238400000);
    expect(wo.assignedTo).toEqual([]);
    expect(workOrderSchema.safeParse({ ...base, createdAt: 'yesterday' }).success).toBe(false);
    expect(workOrderSchema.safeParse({ ...base, status: 'DONE' }).success).toBe(false);
  });

  it('§8.1 builds criteria the way the web app does (enum in + enumName, JS_DATE, alternatives)', () => {
    const c = criteria().statusIn(['OPEN']).onOrAfter('updatedAt', new Date('2025-05-01T00:00:00Z')).textSearch(['title', 'description'], 'pump').sortBy('updatedAt', 'DESC').paging(2, 25).build();
    expect(c).toEqual({
      filterFields: [
        { field: 'status', operation: 'in', value: '', values: ['OPEN'], enumName: 'STATUS' },
        { field: 'updatedAt', operation: 'ge', value: '2025-05-01T00:00:00.000Z', enumName: 'JS_DATE' },
        { field: 'title', operation: 'cn', value: 'pump', alternatives: [{ field: 'description', operation: 'cn', value: 'pump' }] },
      ],
      pageNum: 2, pageSize: 25, sortField: 'updatedAt', direction: 'DESC',
    });
  });

  it('writes, finds and strips the idempotency marker exactly', () => {
    expect(markerFor('tg:cb:42')).toBe(`${WORK_ORDER_MARKER_PREFIX}tg:cb:42`);
    expect(markerFor('a b&c')).toBe(`${WORK_ORDER_MARKER_PREFIX}a%20b%26c`);
    const d = `Leak\n\n[${markerFor('tg:cb:42')}]`;
    expect(hasMarker(d, 'tg:cb:42')).toBe(true);
    expect(hasMarker(d, 'tg:cb:4')).toBe(false);
    expect(hasMarker(d.toUpperCase(), 'tg:cb:42')).toBe(false);
    expect(stripMarkers(d)).toBe('Leak');
    expect(stripMarkers(`[${markerFor('x')}]`)).toBeNull();
  });
});
