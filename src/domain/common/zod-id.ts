import { z } from 'zod';

/**
 * Every zod message (server and web) in Bahasa Indonesia. Imported once by
 * each entry point; schemas with a domain-specific message set their own.
 */
z.config(z.locales.id());

export { z };
