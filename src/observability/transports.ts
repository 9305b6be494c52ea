/**
 * A chat platform's transport, counted: messages delivered per platform, the platform's 429s
 * (Telegram's retry_after) and other refusals. The transport itself is unchanged.
 */
import { PermanentSendError, RateLimitedError, type ChatTransport } from '../core/ports.js';
import type { Metrics } from './metrics.js';

export function observedTransport(channel: string, transport: ChatTransport, metrics: Metrics): ChatTransport {
  return {
    async send(message) {
      try {
        const sent = await transport.send(message);
        metrics.messagesOut.inc({ channel, kind: message.kind ?? 'response' });
        return sent;
      } catch (err) {
        if (err instanceof RateLimitedError) metrics.rateLimited.inc({ channel });
        else metrics.sendFailures.inc({ channel, reason: err instanceof PermanentSendError ? 'refused' : 'error' });
        throw err;
      }
    },
  };
}

export function observedTransports<T extends Record<string, ChatTransport | undefined>>(transports: T, metrics: Metrics | null): T {
  if (!metrics) return transports;
  return Object.fromEntries(Object.entries(transports).map(([channel, t]) => [channel, t ? observedTransport(channel, t, metrics) : t])) as T;
}
