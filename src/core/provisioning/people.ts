/**
 * Email and name rules shared by every way a person is provisioned (Stripe checkout, admin API,
 * invites). Pure.
 */
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

/** Lower-cased and trimmed, or null when it is not an email address. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const e = raw?.trim().toLowerCase() ?? '';
  return e.length <= 254 && EMAIL.test(e) ? e : null;
}

/** First and last name for systems that want both (Atlas); the email's local part when there is no name. */
export function splitName(displayName: string | null, email: string | null): { firstName: string; lastName: string } {
  const name = (displayName ?? '').replace(/\s+/g, ' ').trim();
  if (name) {
    const i = name.lastIndexOf(' ');
    return i > 0 ? { firstName: name.slice(0, i), lastName: name.slice(i + 1) } : { firstName: name, lastName: '-' };
  }
  const local = (email ?? 'rivet user').split('@')[0]!.replace(/[._+-]+/g, ' ').trim() || 'Rivet';
  const parts = local.split(' ');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return parts.length > 1 ? { firstName: cap(parts.slice(0, -1).join(' ')), lastName: cap(parts.at(-1)!) } : { firstName: cap(local), lastName: '-' };
}
