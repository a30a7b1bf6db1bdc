/** The CSRF cookie the API sets beside the httpOnly session cookie; scripts may read it, others may not. */
export const CSRF_COOKIE = 'onemap_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** One cookie's value out of a `document.cookie` string, or null when it is not set. */
export function readCookie(cookies: string, name: string): string | null {
  for (const pair of cookies.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * The double-submit header for a state-changing request: a page on another origin can make the
 * browser send our cookies, but it cannot read them to echo one back.
 */
export function csrfHeaders(
  cookies: string = typeof document === 'undefined' ? '' : document.cookie,
): Record<string, string> {
  const token = readCookie(cookies, CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
}
