/** How the Atlas client's errors become HTTP answers: registered with createApp's error mappers. */
import { AtlasApiError, httpStatusForAtlasError, isAtlasError } from '../integrations/atlas/index.js';
import { HttpError, NotFoundError, type ErrorMapper } from './errors.js';

export const atlasErrorMapper: ErrorMapper = (err) => {
  if (!isAtlasError(err)) return null;
  if (err instanceof AtlasApiError && err.status === 404) return new NotFoundError(err.atlasMessage ?? 'Not found in Atlas');
  const { status, reason } = httpStatusForAtlasError(err);
  const code = status === 503 ? 'atlas_unavailable' : 'atlas_error';
  const details = err instanceof AtlasApiError && err.atlasMessage ? { atlasMessage: err.atlasMessage } : undefined;
  return new HttpError(status, code, reason, details);
};
