import { describe, expect, it } from 'vitest';
import { findWorkOrder } from '../../src/core/understanding/index.js';

const n = (text: string) => findWorkOrder(text)?.number ?? null;

describe('work-order numbers', () => {
  it('reads every written form', () => {
    expect(n('#42 done')).toBe(42);
    expect(n('WO-42 on hold')).toBe(42);
    expect(n('WO000042 finished')).toBe(42);
    expect(n('work order 42 status')).toBe(42);
    expect(n('wo42 still open?')).toBe(42);
    expect(n('check w/o 2118')).toBe(2118);
    expect(n('picking up WO#2113')).toBe(2113);
    expect(n('¿cómo va la orden 1920?')).toBe(1920);
    expect(n('OS 1874 concluída')).toBe(1874);
    expect(n('Kommentar zu 2031: Filter gewechselt')).toBe(2031);
  });

  it('reads bare numbers where a work order is meant', () => {
    expect(n('1888 waiting parts')).toBe(1888);
    expect(n('hows 1960 going')).toBe(1960);
    expect(n('2003 status')).toBe(2003);
    expect(n('301 is done')).toBe(301);
    expect(n('on my way to 2015')).toBe(2015);
    expect(n('working the cure oven one now, 2070')).toBe(2070);
    expect(n('done w/ the leveler 9 job (2002)')).toBe(2002);
  });

  it('never takes asset tags for work orders', () => {
    expect(n('pump 301 in the boiler room is leaking')).toBeNull();
    expect(n('P-301 seal dripping')).toBeNull();
    expect(n('PR-404 is down')).toBeNull();
    expect(n('Forklift #3 steering stiff')).toBeNull();
    expect(n('dock door 17 done, new spring in. wo 2120')).toBe(2120);
  });

  it('never takes readings, money, times, rooms or lines for work orders', () => {
    expect(n('bearing temp 95C on the NDE')).toBeNull();
    expect(n('suction 3 bar, discharge 6.2 bar')).toBeNull();
    expect(n('production wants the cell back by 2pm')).toBeNull();
    expect(n('vendor quote came in at $4,800')).toBeNull();
    expect(n('leak in room 12')).toBeNull();
    expect(n('open WOs on line 2')).toBeNull();
    expect(n('RTU-4 on the dc roof, its like 22 yrs old')).toBeNull();
    expect(n('cure oven only getting to 170, setpoint is 200')).toBeNull();
    expect(n('do we have a spare 6309 bearing in stores?')).toBeNull();
    expect(n('the 400 ton is knocking')).toBeNull();
    expect(n('RT-02 code 341 hyd overtemp')).toBeNull();
  });

  it('prefers the work-order reference over a purchase order', () => {
    expect(n('1766 update - ordered the part, PO 44817')).toBe(1766);
  });
});
