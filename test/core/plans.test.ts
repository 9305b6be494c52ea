import { describe, expect, it } from 'vitest';
import { monthStart, PLANS, planOf } from '../../src/core/plans/index.js';
import { TIERS } from '../../src/core/model.js';

describe('plans', () => {
  it('has one row per tier, and only lapsed is read-only', () => {
    expect(Object.keys(PLANS).sort()).toEqual([...TIERS].sort());
    expect(TIERS.filter((t) => !PLANS[t].canWrite)).toEqual(['lapsed']);
    expect(PLANS.lapsed).toMatchObject({ reportsPerMonth: 0, attachmentsPerReport: 0 });
  });

  it('grows with the price: more reports and files a month from beta to enterprise', () => {
    const order = ['beta', 'starter', 'pro', 'enterprise'] as const;
    const reports = order.map((t) => PLANS[t].reportsPerMonth ?? Infinity);
    expect([...reports].sort((a, b) => a - b)).toEqual(reports);
    expect(PLANS.enterprise.reportsPerMonth).toBeNull();
  });

  it('treats an unknown tier as beta, and counts from the first of the month (UTC)', () => {
    expect(planOf('gold')).toBe(PLANS.beta);
    expect(monthStart(new Date('2026-03-31T23:59:00Z'))).toEqual(new Date('2026-03-01T00:00:00Z'));
  });
});
