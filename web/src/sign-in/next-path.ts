import { LOGIN_PAGE, PAIR_PAGE, SETUP_PAGE } from '../shared/auth-contract';

const BASE = 'http://same-site.invalid';
const HOME = '/';

/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site, else the
 * console. Anything that could leave the site ("//evil.example", "/\evil.example", "https://…", a tab
 * or newline a URL parser would drop) falls back to '/', and so do the sign-in pages themselves.
 */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return HOME;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return HOME;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return HOME;
  }
  if (url.origin !== BASE) return HOME;
  if ([LOGIN_PAGE, SETUP_PAGE, PAIR_PAGE].includes(url.pathname)) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
