/**
 * The outside servers some suites need: a real PostgreSQL and a real Redis. test/setup/services.ts
 * probes them once per run; a suite declares what it needs with `describeWith` and is reported as
 * skipped, with the reason in its name, when that is not reachable. CI makes both reachable (and
 * sets RIVET_TEST_SERVICES=required so a missing one fails the run instead).
 */
import { describe, inject } from 'vitest';

export type Service = 'postgres' | 'redis';

/** Per service: null when reachable, else why not (e.g. "not reachable at 127.0.0.1:5432: ECONNREFUSED"). */
export type ServiceStatus = Record<Service, string | null>;

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceStatus;
  }
}

const LABEL: Record<Service, string> = { postgres: 'PostgreSQL', redis: 'Redis' };

/** Why a suite needing `needs` cannot run here, or null when it can. */
export function missing(needs: Service | Service[]): string | null {
  const status = inject('services');
  const reasons = [needs].flat().flatMap((s) => (status?.[s] ? [`needs ${LABEL[s]}, ${status[s]}`] : []));
  return reasons.length ? reasons.join('; ') : null;
}

/** `describe` that runs only where the services it needs are reachable; otherwise skipped, saying why. */
export function describeWith(needs: Service | Service[], name: string, fn: () => void): void {
  const why = missing(needs);
  if (why) describe.skip(`${name} [skipped: ${why}]`, fn);
  else describe(name, fn);
}
