/**
 * The `changes` column of a coklit record as stored: a list of
 * `{ field, old, new }`. Older demo databases stored an object instead
 * (`{}` for MS/TMS, `{ address: { from, to } }` for U); reading those must
 * not fail, so both shapes are parsed here into the list.
 */
import { z } from 'zod';

export interface StoredChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const ChangeList = z.array(z.object({ field: z.string().min(1), old: Value, new: Value }));

/** Legacy: one key per field, each `{ from, to }` (or `{ old, new }`), or a bare new value. */
const LegacyObject = z.record(
  z.string().min(1),
  z.union([
    z.object({ from: Value.optional(), to: Value.optional() }).strict(),
    z.object({ old: Value.optional(), new: Value.optional() }).strict(),
    Value,
  ]),
);

/**
 * The changes of one stored record, whatever its shape; `unreadable` is set
 * (with the raw JSON) when the value is neither shape, so nothing is hidden.
 */
export function parseStoredChanges(raw: unknown): {
  changes: StoredChange[];
  unreadable: string | null;
} {
  if (raw === null || raw === undefined) return { changes: [], unreadable: null };
  const list = ChangeList.safeParse(raw);
  if (list.success) return { changes: list.data, unreadable: null };
  const legacy = LegacyObject.safeParse(raw);
  if (legacy.success) {
    const changes = Object.entries(legacy.data).map(([field, v]): StoredChange => {
      if (v === null || typeof v !== 'object') return { field, old: null, new: v };
      if ('from' in v || 'to' in v) {
        const fromTo = v as { from?: unknown; to?: unknown };
        return { field, old: fromTo.from ?? null, new: fromTo.to ?? null };
      }
      const oldNew = v as { old?: unknown; new?: unknown };
      return { field, old: oldNew.old ?? null, new: oldNew.new ?? null };
    });
    return { changes, unreadable: null };
  }
  let text: string;
  try {
    text = JSON.stringify(raw);
  } catch {
    text = '(tidak terbaca)';
  }
  return { changes: [], unreadable: text.slice(0, 500) };
}
