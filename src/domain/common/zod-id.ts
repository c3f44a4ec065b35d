import { z } from 'zod';
import { plainLocaleError } from './validation-message.ts';

/**
 * Every zod message in plain Bahasa Indonesia: the default predicate
 * ("wajib diisi", "paling banyak 200 karakter") that the HTTP edge puts
 * after the field's label. Imported once by each entry point; schemas with
 * a domain-specific message set their own.
 */
z.config({ localeError: (issue) => plainLocaleError(issue) });

export { z };
