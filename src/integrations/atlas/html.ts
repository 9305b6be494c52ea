/**
 * Atlas runs free text through Jsoup clean (contract §1.2): tags stripped, and `&`, `<`, `>` come back
 * HTML-escaped. For display we undo the escaping.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

export function unescapeHtml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ent: string) => {
    if (ent.startsWith('#x') || ent.startsWith('#X')) return safeCodePoint(parseInt(ent.slice(2), 16), whole);
    if (ent.startsWith('#')) return safeCodePoint(parseInt(ent.slice(1), 10), whole);
    return NAMED[ent] ?? whole;
  });
}

function safeCodePoint(n: number, fallback: string): string {
  try {
    return Number.isFinite(n) ? String.fromCodePoint(n) : fallback;
  } catch {
    return fallback;
  }
}
