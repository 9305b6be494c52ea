import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/core/understanding/index.js';

const r = (text: string) => {
  const i = interpret(text);
  return [i.intent, i.status, i.workOrderNumber] as const;
};

describe('status words', () => {
  it('COMPLETE', () => {
    expect(r('wo 1999 complete')).toEqual(['update_status', 'COMPLETE', 1999]);
    expect(r('closing wo 1790, replaced belt on AHU-2 hall b')).toEqual(['update_status', 'COMPLETE', 1790]);
    expect(r('#1926 fixed, press is running again')).toEqual(['update_status', 'COMPLETE', 1926]);
    expect(r('mark 1950 complete')).toEqual(['update_status', 'COMPLETE', 1950]);
    expect(r('RT-06 back in service')).toEqual(['update_status', 'COMPLETE', null]);
  });

  it('ON_HOLD', () => {
    expect(r('1888 waiting parts')).toEqual(['update_status', 'ON_HOLD', 1888]);
    expect(r('put 2107 on hold till monday')).toEqual(['update_status', 'ON_HOLD', 2107]);
    expect(r('1958 paused - need an electrician to isolate first')).toEqual(['update_status', 'ON_HOLD', 1958]);
  });

  it('IN_PROGRESS', () => {
    expect(r('on my way to 2015')).toEqual(['update_status', 'IN_PROGRESS', 2015]);
    expect(r('picking up WO#2113')).toEqual(['update_status', 'IN_PROGRESS', 2113]);
    expect(r('started the FLT-07 brake job')).toEqual(['update_status', 'IN_PROGRESS', null]);
  });

  it('a question about a status is a status check, not an update', () => {
    expect(r('is 1877 done yet')).toEqual(['check_status', null, 1877]);
    expect(r('wo-2012 still waiting on parts?')).toEqual(['check_status', null, 2012]);
  });

  it('notes and readings without a status word are comments', () => {
    expect(r('#2061 used 3m of 1/2in hydraulic hose + 2 JIC fittings')).toEqual(['add_comment', null, 2061]);
    expect(r('wo 1933 readings: suction 0.8 bar, discharge 6.2 bar')).toEqual(['add_comment', null, 1933]);
    expect(r('comment on 1958: operator says it started right after the die change')).toEqual(['add_comment', null, 1958]);
  });
});
