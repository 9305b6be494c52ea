import { describe, expect, it } from 'vitest';
import { explainFailure, reportDelayed, reportFailed, statusChanged, workOrderFiled } from '../../src/core/notices.js';
import { AtlasApiError, AtlasAuthError, AtlasLicenseError, AtlasNetworkError, AtlasResponseError } from '../../src/integrations/atlas/index.js';
import { PermanentSendError, RateLimitedError } from '../../src/core/ports.js';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/jobs/backoff.js';
import { classify } from '../../src/jobs/errors.js';
import { jobIdFor, priorityFor } from '../../src/jobs/names.js';
import { parseQuestionButton, questionButtonData } from '../../src/jobs/questions.js';
import { isGroupChat } from '../../src/jobs/rate-limit.js';

describe('notices', () => {
  it('say what happened in the words the brief uses', () => {
    expect(statusChanged('WO000042', 'IN_PROGRESS')).toBe('WO000042 is now IN_PROGRESS');
    expect(workOrderFiled('WO000042', 'Pump P-301 leaking')).toBe('Filed WO000042 — Pump P-301 leaking');
    expect(reportDelayed()).toMatch(/^Atlas isn't answering; your report is saved and will be filed/);
    expect(explainFailure({ kind: 'license', license: 'open_work_orders' })).toContain('30 open work orders');
    expect(reportFailed({ kind: 'atlas_not_configured' }, 'Leak')).toContain('not connected to Atlas');
  });
});

describe('classify', () => {
  const api = (status: number, msg = 'x') => new AtlasApiError({ status, atlasMessage: msg, method: 'POST', path: '/work-orders' });
  it('retries what may pass, fails at once what will not', () => {
    expect(classify(api(503)).kind).toBe('transient');
    expect(classify(api(429)).kind).toBe('transient');
    expect(classify(new AtlasNetworkError({ failure: 'timeout', method: 'GET', path: '/x' })).kind).toBe('transient');
    expect(classify(new AtlasResponseError({ status: 200, detail: 'cut', method: 'GET', path: '/x' })).kind).toBe('transient');
    expect(classify(new AtlasAuthError({ reason: 'invalid_credentials', method: 'POST', path: '/auth/signin' })).kind).toBe('transient');
    expect(classify(new Error('ECONNRESET from pg')).kind).toBe('transient');
    expect(classify(new RateLimitedError(3))).toEqual({ kind: 'transient', reason: expect.any(String), retryAfterMs: 3_000 });
    expect(classify(api(400, 'must not be null'))).toMatchObject({ kind: 'permanent', cause: { kind: 'rejected', status: 400, detail: 'must not be null' } });
    expect(classify(new AtlasLicenseError({ kind: 'open_work_orders', status: 403, atlasMessage: null, method: 'POST', path: '/work-orders' }))).toMatchObject({ kind: 'permanent', cause: { kind: 'license', license: 'open_work_orders' } });
    expect(classify(new PermanentSendError('blocked')).kind).toBe('permanent');
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter, capped, and keeps trying past 24 h', () => {
    const lo = { ...DEFAULT_BACKOFF, random: () => 0 };
    const hi = { ...DEFAULT_BACKOFF, random: () => 1 };
    expect(backoffDelay(1, hi)).toBe(1_000);
    expect(backoffDelay(2, hi)).toBe(2_000);
    expect(backoffDelay(3, lo)).toBe(2_000);
    expect(backoffDelay(40, hi)).toBe(10 * 60_000);
    let total = 0;
    let attempts = 0;
    while (total < 24 * 3_600_000) total += backoffDelay(++attempts, lo);
    expect(attempts).toBeLessThan(400); // bounded work per report even over a day
  });
});

describe('ids and buttons', () => {
  it('job ids derive from the cause and are valid BullMQ ids', () => {
    expect(jobIdFor('createWorkOrder', 'tg:cb:123')).toBe('createWorkOrder.tg%3acb%3a123');
    expect(jobIdFor('send', 'a/b')).not.toBe(jobIdFor('send', 'a:b'));
    expect(jobIdFor('send', 'x:y')).not.toContain(':');
  });
  it('HIGH first', () => {
    expect(priorityFor('HIGH')).toBeLessThan(priorityFor('MEDIUM'));
    expect(priorityFor('MEDIUM')).toBeLessThan(priorityFor('LOW'));
  });
  it('question buttons fit Telegram and round-trip', () => {
    const id = '123e4567-e89b-42d3-a456-426614174000';
    const data = questionButtonData(id, 3);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(parseQuestionButton(data)).toEqual({ questionId: id, choice: 3 });
    expect(parseQuestionButton('cb:other')).toBeNull();
  });
  it('negative Telegram chat ids are groups', () => {
    expect(isGroupChat({ channel: 'telegram', chatId: '-100123' })).toBe(true);
    expect(isGroupChat({ channel: 'telegram', chatId: '123' })).toBe(false);
    expect(isGroupChat({ channel: 'slack', chatId: 'C1' })).toBe(false);
  });
});

describe('poll cursor', () => {
  it('reads cursors written before ids were kept, and round-trips the new form', async () => {
    const { formatCursor, parseCursor } = await import('../../src/jobs/poller.js');
    expect(parseCursor('2026-03-02T08:00:00.000Z')).toEqual({ at: new Date('2026-03-02T08:00:00.000Z'), ids: [] });
    const c = { at: new Date('2026-03-02T08:00:01.000Z'), ids: [4, 7] };
    expect(parseCursor(formatCursor(c))).toEqual(c);
    expect(parseCursor('garbage')).toBeNull();
    expect(parseCursor(null)).toBeNull();
  });
});
