/**
 * `TRUST_PROXY`: which proxies may tell the client's address (and https)
 * through `X-Forwarded-For` / `X-Forwarded-Proto`. Either a number of proxy
 * hops in front of the server (`1` for one nginx or Caddy) or a list of the
 * proxies' addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`, or proxy-addr's
 * names `loopback`, `linklocal`, `uniquelocal`). Plain `true` — trust every
 * hop, so any client can forge its address and escape the per-address limits
 * — is refused with a message saying what to write instead.
 */
import { isIP } from 'node:net';

export type TrustProxy = false | number | readonly string[];

export type TrustProxyParse = { ok: true; value: TrustProxy } | { ok: false; message: string };

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 10;

function validEntry(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (address === undefined || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export function parseTrustProxy(raw: string | undefined): TrustProxyParse {
  const text = (raw ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return { ok: true, value: false };
  if (text === 'true') {
    return {
      ok: false,
      message:
        'TRUST_PROXY=true tidak lagi diterima: setiap klien dapat memalsukan alamatnya lewat X-Forwarded-For ' +
        'dan lolos dari batas per alamat. Tulis jumlah proxy di depan server (mis. TRUST_PROXY=1 untuk satu ' +
        'nginx/Caddy) atau alamat proxy-nya (mis. TRUST_PROXY=127.0.0.1 atau 10.0.0.0/8).',
    };
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) {
      return {
        ok: false,
        message: `TRUST_PROXY=${text}: jumlah proxy paling banyak ${String(MAX_HOPS)}.`,
      };
    }
    return { ok: true, value: hops };
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const bad = entries.find((e) => !validEntry(e));
  if (bad !== undefined || entries.length === 0) {
    return {
      ok: false,
      message: `TRUST_PROXY: "${bad ?? text}" bukan jumlah proxy, alamat IP, atau rentang CIDR yang sah (contoh: 1, 127.0.0.1, 10.0.0.0/8).`,
    };
  }
  return { ok: true, value: entries };
}

/**
 * The value for Fastify's `trustProxy` option; a hop count as proxy-addr
 * reads it (trust the `n` addresses nearest the server, hop 0 being the
 * socket's peer).
 */
export function fastifyTrustProxy(
  t: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof t === 'number') return (_address, hop) => hop < t;
  return typeof t === 'object' ? [...t] : t;
}
