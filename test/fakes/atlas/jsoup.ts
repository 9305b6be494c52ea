/**
 * What Atlas does to free text (contract §1.2): Jsoup clean with Safelist.none() — tags stripped, text
 * trimmed, and `&`, `<`, `>` written back as entities.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      try {
        return String.fromCodePoint(n);
      } catch {
        return whole;
      }
    }
    return ENTITIES[e] ?? whole;
  });
}

export function jsoupClean(input: string): string {
  const noTags = input
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
  return decode(noTags).trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

export function cleanOrNull(v: unknown): string | null {
  return typeof v === 'string' ? jsoupClean(v) : null;
}

/** java.util.Date as Jackson writes it: `2025-05-14T16:00:00.000+00:00` (§1.3). */
export function dateOut(d: Date | null | undefined): string | null {
  return d ? d.toISOString().replace('Z', '+00:00') : null;
}

/** java.time.Instant as Jackson writes it: `2025-05-12T08:15:30.120Z`, fraction left out when zero (§1.3). */
export function instantOut(d: Date | null | undefined): string | null {
  return d ? d.toISOString().replace('.000Z', 'Z') : null;
}

/** Jackson accepts any ISO-8601 form or epoch milliseconds. */
export function dateIn(v: unknown): Date | null | 'invalid' {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string' && typeof v !== 'number') return 'invalid';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? 'invalid' : d;
}
