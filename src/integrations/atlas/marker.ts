/**
 * The idempotency marker Rivet writes into a work order's description, so that after an ambiguous failure
 * it can ask Atlas (search `cn` on description, §8.1) whether the work order already exists.
 */
export const WORK_ORDER_MARKER_PREFIX = 'rivet-ref:';

/** Characters that survive Jsoup (§1.2) and `cn` matching unchanged; anything else is percent-encoded. */
function encodeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9:._\-\/@+=]/g, (c) =>
    Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

export function markerFor(idempotencyKey: string): string {
  if (!idempotencyKey) throw new TypeError('idempotencyKey must not be empty');
  return `${WORK_ORDER_MARKER_PREFIX}${encodeKey(idempotencyKey)}`;
}

const MARKER_RE = new RegExp(`${WORK_ORDER_MARKER_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\s\\]\\)]+)`, 'g');

/** Exact marker tokens in a description (the search is a case-insensitive `contains`, so results are re-checked). */
export function markersIn(description: string | null | undefined): string[] {
  if (!description) return [];
  return Array.from(description.matchAll(MARKER_RE), (m) => `${WORK_ORDER_MARKER_PREFIX}${m[1] ?? ''}`);
}

export function hasMarker(description: string | null | undefined, idempotencyKey: string): boolean {
  return markersIn(description).includes(markerFor(idempotencyKey));
}

export function withMarker(description: string | null | undefined, idempotencyKey: string): string {
  const body = (description ?? '').trimEnd();
  const line = `[${markerFor(idempotencyKey)}]`;
  return body ? `${body}\n\n${line}` : line;
}

/** The description without Rivet's marker line, for display. */
export function stripMarkers(description: string | null): string | null {
  if (description === null) return null;
  const out = description
    .replace(new RegExp(`\\s*\\[?${WORK_ORDER_MARKER_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s\\]]+\\]?`, 'g'), '')
    .trim();
  return out || null;
}
