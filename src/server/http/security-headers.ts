/**
 * Security headers on every answer (@fastify/helmet): a strict Content
 * Security Policy — the app's own scripts, styles, images and API only, no
 * inline script, never framed (`frame-ancestors 'none'`, X-Frame-Options
 * DENY) — plus nosniff, a strict referrer policy and the rest of helmet's
 * defaults. No `upgrade-insecure-requests`: a desk on a LAN is served over
 * plain http. The Swagger page sets its own policy (its inline bootstrap by
 * hash, inline styles allowed there only), tightened to the same framing rule.
 */
import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  mediaSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Photos and feeds may be opened from elsewhere (a shared news link).
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/** The Swagger page's own policy (hashes of its inline parts), never framed, no https upgrade. */
export function swaggerCsp(header: string): string {
  return (
    header
      .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
      // Swagger UI sets style attributes from its script (a hash cannot allow
      // those, and a hash beside 'unsafe-inline' disables it): inline styles
      // on this one admin page only; scripts stay 'self' and hashed.
      .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
      .replace(/\s*upgrade-insecure-requests;?/, '')
  );
}
