/**
 * `/site`: where the person works, as Rivet sees it (the site they set, and the sites it learned
 * from their reports), and `/site <name>` to set it (`/site none` to clear what they set). An
 * administrator sets the same thing through PATCH /api/users/:id (homeLocationId).
 */
import type { AssetRecord } from '../model.js';
import type { FiledWorkOrders, PeopleStore } from './stores.js';
import { t } from './texts.js';
import type { Turn } from './turn.js';
import { findSite, placesOf, usualSites } from './whereabouts.js';

export interface SiteDeps {
  people: PeopleStore;
  filed: FiledWorkOrders;
  assets: { all(): readonly AssetRecord[]; get(id: number): AssetRecord | undefined };
}

const CLEAR = /^(?:none|clear|reset|off|-)$/i;

export async function runSiteCommand(deps: SiteDeps, turn: Turn, arg: string): Promise<void> {
  const places = placesOf(deps.assets.all());
  const said = arg.trim();
  const all = [...places.locations.keys()].sort();
  if (!said) {
    const reported = (await deps.filed.filedBy(turn.person.id, 20)).map((f) => (f.assetId !== null ? deps.assets.get(f.assetId) : undefined));
    const set = turn.person.homeLocationId !== null ? places.siteOf.get(turn.person.homeLocationId) ?? null : null;
    const learned = usualSites(places, null, reported).filter((s) => s !== set);
    return turn.reply(t.siteShown(set, learned, all), 'site');
  }
  if (CLEAR.test(said)) {
    await deps.people.setHomeLocation(turn.person.id, null);
    turn.log.info({}, 'site cleared by the person');
    return turn.reply(t.siteCleared, 'site');
  }
  const found = findSite(places, said.slice(0, 80));
  if ('candidates' in found) return turn.reply(found.candidates.length ? t.siteWhich(found.candidates) : t.siteUnknown(said.slice(0, 40), all), 'site');
  await deps.people.setHomeLocation(turn.person.id, found.locationId);
  turn.log.info({ site: found.site }, 'site set by the person');
  return turn.reply(t.siteSet(found.site), 'site');
}
