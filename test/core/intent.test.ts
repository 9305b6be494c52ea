import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/core/understanding/index.js';
import { corpusIndex } from './helpers.js';

const intent = (text: string) => interpret(text, { assets: corpusIndex() }).intent;

describe('intent rules', () => {
  it('reports, including reports phrased as questions', () => {
    expect(intent('is anyone looking at the chiller? it keeps alarming')).toBe('create_work_order');
    expect(intent('can we get the aisle lines repainted on the dc floor? cosmetic, no hurry')).toBe('create_work_order');
  });
  it('questions for a person', () => {
    expect(intent('what PPE do i need for the battery room')).toBe('ask_human');
    expect(intent('can we get a quote to replace RTU-4 on the dc roof')).toBe('ask_human');
    expect(intent('how do i reset the fault on the stretch wrapper at the DC?')).toBe('ask_human');
  });
  it('lists, help, cancel, smalltalk', () => {
    expect(intent('my open WOs')).toBe('list_work_orders');
    expect(intent('show me the work orders for compressor 2')).toBe('list_work_orders');
    expect(intent('how do i close a wo in here')).toBe('help');
    expect(intent('/start')).toBe('help');
    expect(intent('scratch that')).toBe('cancel');
    expect(intent('👍')).toBe('smalltalk');
    expect(intent('thx man')).toBe('smalltalk');
  });
  it('status checks without a number', () => {
    expect(intent('any news on the door 17 work order')).toBe('check_status');
  });
  it('hands over when it cannot tell', () => {
    const r = interpret('qwerty asdf');
    expect(r.intent).toBe('ask_human');
    expect(r.confidence).toBeLessThanOrEqual(1);
  });
  it('builds a clean title and keeps the full description', () => {
    const r = interpret('hey so the infeed belt on line 2 has been tracking off to the left since monday. pls look', {
      assets: corpusIndex(),
    });
    expect(r.title).toBe('CV-12 tracking off to the left since monday');
    expect(r.description).toContain('pls look');
    expect(interpret('  pump 301 leaking, pls asap 🙏  ').title).toBe('Pump 301 leaking');
  });
  it('leaves urgency out of the title: it is the priority', () => {
    const urgent = interpret('pump 301 in the boiler room is leaking oil, urgent');
    expect(urgent.title).toBe('Pump 301 in the boiler room is leaking oil');
    expect(urgent.priority).toBe('HIGH');
    const whenever = interpret('hand dryer in the hall b mens room is broken, whenever');
    expect(whenever.title).toBe('Hand dryer in the hall b mens room is broken');
    expect(whenever.priority).toBe('LOW');
    expect(interpret('AC down, urgent!!').title).toBe('AC down');
  });
});
