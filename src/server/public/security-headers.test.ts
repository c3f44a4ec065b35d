import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import { describe, expect, it } from 'vitest';
import { FAST_PATH_SECURITY_HEADERS } from './security-headers.ts';

describe('the fast path security headers', () => {
  it('are exactly what @fastify/helmet sets on a JSON answer (values included)', async () => {
    const app = Fastify();
    await app.register(helmet);
    app.get('/x', () => ({ ok: true }));
    const res = await app.inject('/x');
    await app.close();
    for (const [name, value] of Object.entries(FAST_PATH_SECURITY_HEADERS)) {
      expect(res.headers[name], name).toBe(value);
    }
    expect(FAST_PATH_SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
  });
});
