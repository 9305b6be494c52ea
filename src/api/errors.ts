/**
 * Errors the HTTP layer knows how to answer, split by cause. Anything else is a 500
 * with a generic message; the stack stays in the log, never in the response.
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class BadRequestError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}
export class UnauthorizedError extends HttpError {
  constructor(message = 'Missing or invalid credentials') {
    super(401, 'unauthorized', message);
  }
}
export class NotFoundError extends HttpError {
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
  }
}
export class ConflictError extends HttpError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}
export class ServiceUnavailableError extends HttpError {
  constructor(code: string, message: string) {
    super(503, code, message);
  }
}
/** An outside system answered with a refusal or nonsense. */
export class UpstreamError extends HttpError {
  constructor(code: string, message: string, details?: unknown) {
    super(502, code, message, details);
  }
}

/**
 * Other layers register how their own error classes map to HTTP (e.g. the Atlas
 * client's errors), so the mapping stays in one place without the API importing them all.
 */
export type ErrorMapper = (err: unknown) => HttpError | null;
