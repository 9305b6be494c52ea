import { describe, expect, it } from 'vitest';
import { ALLOWED, can, type Actor, type Decision, type WorkOrderFacts } from '../../../src/core/access/index.js';
import { actorOf, type Person } from '../../../src/core/conversation/index.js';

const tech = (over: Partial<Actor> = {}): Actor => ({ id: 'ana', role: 'technician', tier: 'pro', crews: [], atlasUserId: null, disabled: false, ...over });
const wo = (over: Partial<WorkOrderFacts> = {}): WorkOrderFacts => ({
  requesterId: 'someone-else', createdBy: 1, primaryUserId: null, assignedToIds: [], teamUserIds: [], crews: [], ...over,
});
const NOT_FOUND: Decision = { denied: { reason: 'not_found' } };
const onWorkOrder = (who: Actor, facts: WorkOrderFacts) =>
  (['view', 'change_status', 'comment'] as const).map((type) => can(who, { type, workOrder: facts }));

describe('can(): whose work orders a person may see and act on', () => {
  it('a stranger gets "not found" for every action on someone else’s work order, the same as for a missing one', () => {
    expect(onWorkOrder(tech(), wo())).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
    // Not even an Atlas account helps when it is not on the work order.
    expect(onWorkOrder(tech({ atlasUserId: 9 }), wo({ assignedToIds: [5], teamUserIds: [6], primaryUserId: 7 }))).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
  });

  it('the requester through Rivet (work_order_links.requester_id) may see, change and comment', () => {
    expect(onWorkOrder(tech(), wo({ requesterId: 'ana' }))).toEqual([ALLOWED, ALLOWED, ALLOWED]);
  });

  it('the creator in Atlas (createdBy = their atlas_user_id) may, and only with their own Atlas account', () => {
    expect(onWorkOrder(tech({ atlasUserId: 12 }), wo({ createdBy: 12 }))).toEqual([ALLOWED, ALLOWED, ALLOWED]);
    expect(onWorkOrder(tech({ atlasUserId: null }), wo({ createdBy: 12 }))).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
  });

  it('people Atlas assigns — primary user, assignees, team members — may', () => {
    expect(onWorkOrder(tech({ atlasUserId: 5 }), wo({ primaryUserId: 5 }))).toEqual([ALLOWED, ALLOWED, ALLOWED]);
    expect(onWorkOrder(tech({ atlasUserId: 5 }), wo({ assignedToIds: [4, 5] }))).toEqual([ALLOWED, ALLOWED, ALLOWED]);
    expect(onWorkOrder(tech({ atlasUserId: 5 }), wo({ teamUserIds: [5] }))).toEqual([ALLOWED, ALLOWED, ALLOWED]);
  });

  it('crew mates may act on their crew’s work orders (crew names compared as administrators type them); other crews may not', () => {
    expect(onWorkOrder(tech({ crews: ['Boiler crew'] }), wo({ crews: ['boiler  crew '] }))).toEqual([ALLOWED, ALLOWED, ALLOWED]);
    expect(onWorkOrder(tech({ crews: ['Paint shop'] }), wo({ crews: ['Boiler crew'] }))).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
    expect(onWorkOrder(tech({ crews: [] }), wo({ crews: ['Boiler crew'] }))).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
  });

  it('a group chat lends its crew to the people writing in it (actorOf)', () => {
    const person: Person = {
      id: 'lee', organizationId: 'o', name: 'Lee', tier: 'pro', homeLocationId: null, language: null, replyLanguage: null, detectedLanguage: null, role: 'technician', crew: null,
      atlasUserId: null, disabled: false, selfSignedUp: false, attribution: 'lee@x',
    };
    expect(can(actorOf(person, null), { type: 'view', workOrder: wo({ crews: ['Boiler crew'] }) })).toEqual(NOT_FOUND);
    expect(can(actorOf(person, 'Boiler crew'), { type: 'view', workOrder: wo({ crews: ['Boiler crew'] }) })).toBe(ALLOWED);
    expect(actorOf({ ...person, crew: 'Paint shop' }, 'Boiler crew').crews).toEqual(['Paint shop', 'Boiler crew']);
  });

  it('supervisors and admins may act on every work order', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      expect(onWorkOrder(tech({ role }), wo({ requesterId: null, createdBy: null }))).toEqual([ALLOWED, ALLOWED, ALLOWED]);
    }
  });

  it('a switched-off person may do nothing, supervisor or not', () => {
    const off = { denied: { reason: 'disabled' } };
    expect(onWorkOrder(tech({ disabled: true, role: 'admin' }), wo({ requesterId: 'ana' }))).toEqual([off, off, off]);
    expect(can(tech({ disabled: true }), { type: 'file', filedThisMonth: 0 })).toEqual(off);
  });
});

describe('can(): what a plan allows', () => {
  it('a lapsed person may still see their work orders, but not change, comment or file; someone else’s stays "not found"', () => {
    const lapsed = tech({ tier: 'lapsed' });
    const ro = { denied: { reason: 'read_only' } };
    expect(onWorkOrder(lapsed, wo({ requesterId: 'ana' }))).toEqual([ALLOWED, ro, ro]);
    expect(onWorkOrder(lapsed, wo())).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
    expect(can(lapsed, { type: 'file', filedThisMonth: 0 })).toEqual(ro);
  });

  it('counts reports against the month’s allowance: beta 20, then "quota" with the numbers', () => {
    expect(can(tech({ tier: 'beta' }), { type: 'file', filedThisMonth: 19 })).toBe(ALLOWED);
    expect(can(tech({ tier: 'beta' }), { type: 'file', filedThisMonth: 20 })).toEqual({ denied: { reason: 'quota', limit: 20, used: 20 } });
    expect(can(tech({ tier: 'starter' }), { type: 'file', filedThisMonth: 100 })).toEqual({ denied: { reason: 'quota', limit: 100, used: 100 } });
    expect(can(tech({ tier: 'enterprise' }), { type: 'file', filedThisMonth: 100_000 })).toBe(ALLOWED);
  });
});

describe('can(): answering a parked job’s question', () => {
  it('a technician’s question only by the person it was asked of (old questions without one: anyone in the chat)', () => {
    const q = { audience: 'technician' as const, askedPersonId: 'ana' };
    expect(can(tech({ id: 'ana' }), { type: 'answer', question: q })).toBe(ALLOWED);
    expect(can(tech({ id: 'bo' }), { type: 'answer', question: q })).toEqual({ denied: { reason: 'not_asked', audience: 'technician' } });
    expect(can(tech({ id: 'bo', role: 'supervisor' }), { type: 'answer', question: q })).toEqual({ denied: { reason: 'not_asked', audience: 'technician' } });
    expect(can(tech({ id: 'bo' }), { type: 'answer', question: { audience: 'technician', askedPersonId: null } })).toBe(ALLOWED);
  });

  it('a supervisor’s question (an approval) only by supervisors and admins, never by the technician who asked', () => {
    const q = { audience: 'supervisor' as const, askedPersonId: null };
    expect(can(tech({ id: 'ana' }), { type: 'answer', question: q })).toEqual({ denied: { reason: 'not_asked', audience: 'supervisor' } });
    expect(can(tech({ role: 'supervisor' }), { type: 'answer', question: q })).toBe(ALLOWED);
    expect(can(tech({ role: 'admin' }), { type: 'answer', question: q })).toBe(ALLOWED);
  });
});
