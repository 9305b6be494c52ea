/**
 * Stripe failures split by cause: Stripe could not be reached or asked us to slow down (retry
 * later), or it answered no (a missing object, a bad key). Messages carry no secrets.
 */
export abstract class StripeGatewayError extends Error {
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Network failure, timeout, 5xx or 429: the same call may work later. */
export class StripeUnavailableError extends StripeGatewayError {
  readonly retryable = true;
}

/** Stripe answered with a refusal (4xx): repeating the call will not help. */
export class StripeRefusedError extends StripeGatewayError {
  readonly retryable = false;
  constructor(message: string, readonly status: number | null, readonly code: string | null, options?: { cause?: unknown }) {
    super(message, options);
  }
  get notFound(): boolean {
    return this.status === 404 || this.code === 'resource_missing';
  }
}
