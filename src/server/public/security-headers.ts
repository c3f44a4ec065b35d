/**
 * The security headers every public fast-path answer carries (snapshots from
 * the request listener or the onRequest hook, the results stream, its 429):
 * those answers bypass Fastify's hooks, so @fastify/helmet never sees them.
 * The values are helmet's defaults for a JSON answer (security-headers.test.ts
 * checks them against helmet itself), minus the CSP and HSTS, which only
 * matter for documents and are the server's and proxy's policy to set.
 */
export const FAST_PATH_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});
