import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '../../../src/core/model.js';
import { findSite, placesOf, usualLocationIds, usualSites } from '../../../src/core/conversation/whereabouts.js';

const at = (id: number, locId: number, loc: string): AssetRecord => ({ id, customId: `A${id}`, name: `Asset ${id}`, location: { id: locId, name: loc } });
const catalog = [
  at(1, 10, 'Harbourview Hotel - Roof'), at(2, 11, 'Harbourview Hotel - Laundry'),
  at(3, 20, 'Northfield Foods - Line 1'), at(4, 21, 'Northfield Foods - Dock'),
  at(5, 30, 'St. Anne’s Hospital - 4 West'),
];

describe('where a person works', () => {
  const places = placesOf(catalog);

  it('a site becomes theirs after two reports there, the one they set first', () => {
    expect(usualSites(places, null, [catalog[0]])).toEqual([]);
    expect(usualSites(places, null, [catalog[0], catalog[1], catalog[2]])).toEqual(['Harbourview Hotel']);
    expect(usualSites(places, 30, [catalog[0], catalog[1]])).toEqual(['St. Anne’s Hospital', 'Harbourview Hotel']);
    expect(usualSites(places, 999, [undefined])).toEqual([]);
  });

  it('a site stands for all its locations', () => {
    expect(usualLocationIds(places, ['Harbourview Hotel'])).toEqual([10, 11]);
    expect(placesOf(catalog)).toBe(places); // kept until the catalog reloads
  });

  it('/site finds a site by its words, and says which when several fit', () => {
    expect(findSite(places, 'hotel')).toEqual({ site: 'Harbourview Hotel', locationId: 10 });
    expect(findSite(places, 'st annes')).toEqual({ candidates: [] });
    expect(findSite(places, 'anne')).toEqual({ site: 'St. Anne’s Hospital', locationId: 30 });
    expect(findSite(places, 'north')).toEqual({ site: 'Northfield Foods', locationId: 20 });
    expect(findSite(places, 'h')).toEqual({ candidates: [] });
  });
});
