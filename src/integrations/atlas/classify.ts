/**
 * Turns a non-2xx Atlas answer into the right error class (contract §0 licence gate, §2.4, §8.2).
 */
import { AtlasApiError, AtlasLicenseError, type AtlasLicenseKind } from './errors.js';

/** Atlas's message from an error body: `{success:false,message}`, the rate limiter's `{error,message}` (§1.5), or a proxy's HTML page. */
export function atlasMessageOf(body: string): string | null {
  const trimmed = body.trim();
  if (!trimmed) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      if (typeof o.message === 'string') return o.message.slice(0, 500);
      if (typeof o.error === 'string') return o.error.slice(0, 500);
    }
  } catch {
    /* not JSON: a proxy page, fall through */
  }
  const plain = trimmed.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain ? plain.slice(0, 200) : null;
}

export function licenseKindOf(p: { status: number; message: string | null; method: string; path: string; apiKeyMode: boolean }): AtlasLicenseKind | null {
  const m = p.message ?? '';
  if (p.status === 500 && /free license allows/i.test(m)) return 'users';
  if (p.status === 406 && /maximum number of users/i.test(m)) return 'users';
  if (p.status !== 403) return null;
  if (/license to add a file/i.test(m)) return 'files';
  if (/incomplete work orders|license to add a new work order/i.test(m)) return 'open_work_orders';
  if (p.path.startsWith('/webhook-endpoints') && p.method === 'POST') return 'webhooks';
  if (/license/i.test(m)) {
    if (p.path.startsWith('/files')) return 'files';
    if (p.path.startsWith('/webhook')) return 'webhooks';
    return 'other';
  }
  // §2.2: an unlicensed instance refuses every API key with 403 "Access denied"; /auth/me needs no permission,
  // so there it can only mean the licence (elsewhere it may be a role permission, so we leave it an API error).
  if (p.apiKeyMode && p.path === '/auth/me' && /^access denied$/i.test(m.trim())) return 'api_key';
  return null;
}

export function errorForStatus(p: { status: number; body: string; method: string; path: string; apiKeyMode: boolean }): AtlasApiError | AtlasLicenseError {
  const atlasMessage = atlasMessageOf(p.body);
  const kind = licenseKindOf({ status: p.status, message: atlasMessage, method: p.method, path: p.path, apiKeyMode: p.apiKeyMode });
  if (kind) return new AtlasLicenseError({ kind, status: p.status, atlasMessage, method: p.method, path: p.path });
  return new AtlasApiError({ status: p.status, atlasMessage, method: p.method, path: p.path });
}
