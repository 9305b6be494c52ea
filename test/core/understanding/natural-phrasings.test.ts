/**
 * Natural phrasings of the intents that act on an existing work order, and of help, list and
 * cancel: everyday ways of saying them that no cue list spells out. Examples written for this
 * test (not lines from the labelled sets).
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../../../src/core/understanding/index.js';

const read = (text: string) => interpret(text);

describe('natural phrasings', () => {
  it('status questions, with the bare number taken as the work order', () => {
    for (const [text, n] of [
      ['any news on 4471?', 4471],
      ['where are we with 2290', 2290],
      ['is 6120 sorted yet', 6120],
      ['whats happening with wo 815', 815],
    ] as const) {
      const r = read(text);
      expect(r.intent, text).toBe('check_status');
      expect(r.workOrderNumber, text).toBe(n);
    }
  });

  it('status updates: started, on hold, done', () => {
    for (const [text, status, n] of [
      ['took 2231, walking over now', 'IN_PROGRESS', 2231],
      ['starting on 5512 after lunch', 'IN_PROGRESS', 5512],
      ['holding 3390 till the shutdown next week', 'ON_HOLD', 3390],
      ['7712 all wrapped up, unit running fine', 'COMPLETE', 7712],
    ] as const) {
      const r = read(text);
      expect(r.intent, text).toBe('update_status');
      expect(r.status, text).toBe(status);
      expect(r.workOrderNumber, text).toBe(n);
    }
  });

  it('comments: notes, readings and parts used', () => {
    for (const [text, n] of [
      ['put a note on 2017: belt guard bolts were missing', 2017],
      ['for 4420 - used two 6205 bearings and a tube of grease', 4420],
      ['log on 3381 that amps were 42 on all phases', 3381],
    ] as const) {
      const r = read(text);
      expect(r.intent, text).toBe('add_comment');
      expect(r.workOrderNumber, text).toBe(n);
    }
  });

  it('help', () => {
    for (const text of ['how does this thing work', 'what kind of stuff can you do for me', 'is there a list of commands']) {
      expect(read(text).intent, text).toBe('help');
    }
  });

  it('lists', () => {
    for (const text of ['whats assigned to me right now', 'show me everything i still have open', 'what jobs do i have today']) {
      expect(read(text).intent, text).toBe('list_work_orders');
    }
  });

  it('cancel', () => {
    for (const text of ['nah cancel that one', 'never mind, wrong chat', 'forget about it']) {
      expect(read(text).intent, text).toBe('cancel');
    }
  });

  it('a number that is a place is not a work order', () => {
    expect(read('is the job on door 14 done yet').workOrderNumber).toBeNull();
  });
});
