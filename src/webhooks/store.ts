/**
 * Handing a verified delivery to the inbound acceptor without ever answering 5xx for its content:
 * the payload has already been sanitized (api/safe-json.ts), and if PostgreSQL still refuses it
 * (a data exception, an integrity or size limit) the delivery is logged and answered "ignored" —
 * a platform that gets a 5xx redelivers the same unstorable body forever. Only our own storage
 * being away is a 503, so the platform tries again later and nothing is lost.
 */
import type { Logger } from 'pino';
import { ServiceUnavailableError } from '../api/errors.js';
import type { InboundAcceptor } from '../core/ports.js';
import { sqlStateOf } from '../jobs/errors.js';

type Source = Parameters<InboundAcceptor['accept']>[0];
export type Stored = { result: 'accepted' | 'duplicate' } | { ignored: string };

/** SQLSTATE classes about the data itself: 22 data exception, 23 integrity, 54 program limit. */
const REFUSED_DATA = /^(22|23|54)/;

export async function storeDelivery(inbound: InboundAcceptor, source: Source, externalId: string, payload: unknown, log: Logger): Promise<Stored> {
  try {
    return { result: await inbound.accept(source, externalId, payload) };
  } catch (err) {
    const sqlState = sqlStateOf(err);
    if ((sqlState && REFUSED_DATA.test(sqlState)) || err instanceof RangeError) {
      log.warn({ source, externalId: externalId.slice(0, 80), sqlState, err: err instanceof Error ? err.name : typeof err }, 'delivery cannot be stored; ignored');
      return { ignored: 'unstorable' };
    }
    log.error({ source, err }, 'delivery not stored: storage unavailable');
    throw new ServiceUnavailableError('storage_unavailable', 'Could not store the delivery now; try again later');
  }
}
