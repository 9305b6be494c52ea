/**
 * Where observations go (metrics, the trace, Rivet's own feedback records). Wiring gives the real
 * one (src/observability); engine tests use `noObserver` or a recording one.
 */
import type { Channel } from '../model.js';
import type { HumanFeedback, Observation } from './types.js';

export interface Observer {
  /** Counts what core decided (Prometheus). Never throws, never waits. */
  note(observation: Exclude<Observation, { type: 'feedback' }>, where: { channel: Channel }): void;
  /**
   * A person confirmed or corrected what Rivet understood: written down once per key, and sent as
   * feedback on the message's trace when tracing is on. Failures are the caller's to log, never to show.
   */
  feedback(f: HumanFeedback): Promise<void>;
}

export const noObserver: Observer = {
  note() {},
  async feedback() {},
};
