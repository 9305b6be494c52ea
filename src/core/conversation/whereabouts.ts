/**
 * Where a person works: the sites of the machines they reported on (Rivet's own record of what it
 * filed for them) and the place they or an administrator set (`/site`, PATCH /api/users/:id). It
 * is a prior for "which machine?": their sites' assets win a tie and come first among the choices,
 * but a name that fits several assets elsewhere is still asked about (the resolver only narrows
 * a tie to the preferred assets when some of the tied ones are there).
 *
 * A site is the first part of a location's name ("Eastgate DC - Roof" → "Eastgate DC").
 */
import type { AssetRecord } from '../model.js';
import { fold } from '../assets/text.js';

/** Reports at a site before it counts as one of the person's usual sites. */
export const LEARNED_AFTER = 2;
/** Usual sites kept (the set one first, then the most reported at). */
const MAX_SITES = 3;

export interface Places {
  /** Site name → the ids of its locations. */
  locations: Map<string, number[]>;
  /** Location id → its site name. */
  siteOf: Map<number, string>;
}

export const siteOfLocation = (name: string): string => name.split(/\s+[-–]\s+/)[0]!.trim();

const cache = new WeakMap<readonly AssetRecord[], Places>();

/** The sites of the catalog and their locations (kept until the catalog reloads). */
export function placesOf(catalog: readonly AssetRecord[]): Places {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const locations = new Map<string, number[]>();
  const siteOf = new Map<number, string>();
  for (const a of catalog) {
    const loc = a.location;
    if (!loc || siteOf.has(loc.id)) continue;
    const site = siteOfLocation(loc.name);
    siteOf.set(loc.id, site);
    locations.set(site, [...(locations.get(site) ?? []), loc.id]);
  }
  const places = { locations, siteOf };
  cache.set(catalog, places);
  return places;
}

/**
 * The person's usual sites, most telling first: the one they (or an administrator) set, then the
 * sites of at least LEARNED_AFTER of their reports, most reported first.
 */
export function usualSites(places: Places, homeLocationId: number | null, reportedAssets: readonly (AssetRecord | undefined)[]): string[] {
  const sites: string[] = [];
  const home = homeLocationId !== null ? places.siteOf.get(homeLocationId) : undefined;
  if (home) sites.push(home);
  const counts = new Map<string, number>();
  for (const a of reportedAssets) {
    const site = a?.location ? places.siteOf.get(a.location.id) : undefined;
    if (site) counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  const learned = [...counts].filter(([, n]) => n >= LEARNED_AFTER).sort((a, b) => b[1] - a[1]).map(([s]) => s);
  for (const s of learned) if (!sites.includes(s)) sites.push(s);
  return sites.slice(0, MAX_SITES);
}

/** The locations of the person's usual sites, for the resolver's `locationIds`. */
export function usualLocationIds(places: Places, sites: readonly string[]): number[] {
  return sites.flatMap((s) => places.locations.get(s) ?? []);
}

/**
 * The site a person names in `/site <name>`: exactly one site whose name holds all their words
 * (or one that is named exactly); several or none: the candidates to say.
 */
export function findSite(places: Places, said: string): { site: string; locationId: number } | { candidates: string[] } {
  const words = fold(said).split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0) return { candidates: [] };
  const all = [...places.locations.keys()];
  const exact = all.filter((s) => fold(s) === fold(said.trim()));
  const hits = exact.length ? exact : all.filter((s) => {
    const have = new Set(fold(s).split(/[^a-z0-9]+/));
    return words.every((w) => have.has(w) || [...have].some((h) => h.startsWith(w) && w.length >= 3));
  });
  if (hits.length === 1) return { site: hits[0]!, locationId: places.locations.get(hits[0]!)![0]! };
  return { candidates: hits.slice(0, 8) };
}
