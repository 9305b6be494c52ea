import { describe, expect, it } from 'vitest';
import { corpusIndex } from './helpers.js';

const res = (mention: string) => corpusIndex().resolve(mention);
const pick = (mention: string) => {
  const r = res(mention);
  return r.decision === 'resolved' ? r.candidates[0]!.asset.id : r.decision;
};

describe('tag normalisation', () => {
  it('P-301 = p301 = pump 301 = P 301 = P301', () => {
    for (const m of ['P-301', 'p301', 'pump 301', 'P 301', 'P301', 'bomba P-301', 'Pumpe 301']) expect(pick(m), m).toBe(1740);
  });
  it('leading zeros and spacing do not matter (FLT-04 = flt 4 = forklift FLT04)', () => {
    for (const m of ['FLT-04', 'flt 4', 'forklift FLT04', 'montacargas FLT-04', 'Gabelstapler FLT-4']) expect(pick(m), m).toBe(2414);
  });
  it('tags inside names work from the name words too (reach truck 4 → RT-04, leveler 9 → DL-09)', () => {
    expect(pick('reach truck 4')).toBe(2444);
    expect(pick('leveler 9')).toBe(2577);
    expect(pick('spot welder 6')).toBe(1370);
  });
  it('a number that no asset carries is not found, never the nearest number', () => {
    expect(res('RTU-12').decision).toBe('not_found');
    expect(res('PR-105').decision).toBe('not_found');
    expect(res('pallet jack 14').decision).toBe('not_found');
    expect(res('air compressor 4').decision).toBe('not_found');
  });
});

describe('abbreviations, synonyms, translations and typos', () => {
  it('ahu = air handler, rtu = rooftop unit, vfd vs drive', () => {
    expect(res('air handler 2').candidates.map((c) => c.asset.id).sort()).toEqual([1236, 1479]);
    expect(pick('rooftop unit 9')).toBe(2755);
    expect(pick('vfd on CV-13')).toBe(1425);
  });
  it('yard dog = yard truck, dock lock = vehicle restraint', () => {
    expect(pick('yard dog')).toBe(2486);
    expect(pick('dok lock on 20')).toBe(2623);
  });
  it('typos and word order', () => {
    expect(pick('recieving trunk conveyor')).toBe(2639);
    expect(pick('steam boiler 2')).toBe(1735);
    expect(pick('boiler steam 2')).toBe(1735);
    expect(pick('compresser 3')).toBe(1702);
  });
  it('the head noun decides what is meant (a burner on an oven is a burner)', () => {
    expect(pick('burner on the dry off oven')).toBe(1616);
    expect(pick('light curtain on pr-102')).toBe(1020);
  });
});

describe('never confident when several fit equally', () => {
  it('same name in several places is ambiguous', () => {
    const r = res('AHU-1');
    expect(r.decision).toBe('ambiguous');
    expect(r.candidates.map((c) => c.asset.id).sort()).toEqual([1235, 1478, 1815]);
  });
  it('a generic noun offers the few that fit, at most six', () => {
    expect(res('the chiller').decision).toBe('ambiguous');
    expect(res('booth 2').candidates.map((c) => c.asset.id)).toEqual(expect.arrayContaining([1625, 1637]));
    expect(res('conveyor').candidates.length).toBeLessThanOrEqual(6);
  });
  it('a qualifier that tells them apart resolves', () => {
    expect(pick('hall a ahu 2')).toBe(1236);
    expect(pick('AHU-2 hall b')).toBe(1479);
    expect(pick('compressor at the dc')).toBe('ambiguous');
    expect(pick('jockey pump at the plant')).toBe(1799);
  });
  it('scores are in 0..1, best first', () => {
    for (const m of ['pump 301', 'the chiller', 'conveyor']) {
      const c = res(m).candidates;
      for (const x of c) expect(x.score).toBeGreaterThanOrEqual(0), expect(x.score).toBeLessThanOrEqual(1);
      for (let i = 1; i < c.length; i++) expect(c[i - 1]!.score).toBeGreaterThanOrEqual(c[i]!.score - 0.2);
    }
  });
});

describe('search', () => {
  it('ranks assets for a free query', () => {
    const s = corpusIndex().search('boiler feed pump', 5);
    expect(s.length).toBe(5);
    expect(s.map((c) => c.asset.id)).toEqual(expect.arrayContaining([1740, 1743]));
  });
  it('returns nothing for an empty query', () => {
    expect(corpusIndex().search('   ')).toEqual([]);
  });
});
