/** Atlas CMMS integration: typed client, work-order reader, asset directory. */
export { createAtlasClient } from './client.js';
export type { AtlasClient, AtlasClientDeps, AtlasHealth } from './client.js';
export type { AtlasAuthConfig } from './credentials.js';
export {
  AtlasError, AtlasApiError, AtlasNetworkError, AtlasAuthError, AtlasLicenseError, AtlasResponseError,
  isAtlasError, isRetryableStatus, httpStatusForAtlasError,
} from './errors.js';
export type { AtlasLicenseKind, AtlasNetworkFailure, AtlasAuthFailure, AtlasErrorCode } from './errors.js';
export { toWorkOrderSummary, toWorkOrderPatch, toAssetRecord } from './mapping.js';
export { createAtlasWorkOrderReader, customIdForNumber } from './reader.js';
export { createAssetDirectory } from './directory.js';
export type { AssetDirectory, AssetDirectoryDeps, AssetDirectoryStats } from './directory.js';
export { WORK_ORDER_MARKER_PREFIX, markerFor, markersIn, hasMarker, stripMarkers } from './marker.js';
export { criteria, CriteriaBuilder } from './criteria.js';
export { unescapeHtml } from './html.js';
export type { UploadFile } from './resources.js';
export type * from './types.js';
