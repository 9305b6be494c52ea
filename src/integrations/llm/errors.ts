/**
 * Language-model failures split by cause: the endpoint could not be reached in time (network,
 * timeout, 5xx, 429), or it answered something Rivet cannot use (a refusal, invalid output).
 * Either way the deterministic reading stands; these only say why in the log.
 */
export abstract class LlmError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Network failure, timeout, 5xx or 429. */
export class LlmUnavailableError extends LlmError {}

/** A 4xx, or an answer that is not the JSON asked for. */
export class LlmRefusedError extends LlmError {
  constructor(message: string, readonly status: number | null, options?: { cause?: unknown }) {
    super(message, options);
  }
}
