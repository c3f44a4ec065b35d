/**
 * Validation of NIST SP 1500-100 v2 documents against the official schema
 * (draft-04, ajv-draft-04 + ajv-formats) and of their internal references.
 * Used by the tests of the export and of the CLI command.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// A copy of the standard is kept in the repository (standards/), so the
// tests run on any clone; nist.test.ts checks it against ../shared/standards.
export const STANDARD_DIR = new URL('../../../standards/nist-1500-100-v2/', import.meta.url);
export const SHARED_STANDARD_DIR = new URL(
  '../../../../shared/standards/nist-1500-100-v2/',
  import.meta.url,
);

export function readStandard(name: string, dir: URL = STANDARD_DIR): unknown {
  const url = new URL(name, dir);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as unknown;
  } catch (e) {
    throw new Error(`Cannot read ${fileURLToPath(url)}`, { cause: e });
  }
}

interface SchemaProperty {
  refTypes?: string[];
  items?: { refTypes?: string[] };
}
interface Schema {
  definitions: Record<string, { properties?: Record<string, SchemaProperty> } | undefined>;
}

const schema = readStandard('NIST_V2_election_results_reporting.json') as Schema;
export const example = readStandard('example-err-gen-01.json');

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
// `refTypes` names the @types an id may point at. Ajv only has to accept the
// keyword (strict mode refuses unknown ones); referenceCheck() enforces it.
ajv.addKeyword({ keyword: 'refTypes', schemaType: 'array' });
const validate = ajv.compile(schema);

export function schemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

// ---------------------------------------------------------------------------
// References

function objectsIn(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) {
    for (const x of node) objectsIn(x, out);
  } else if (typeof node === 'object' && node !== null) {
    const obj = node as Record<string, unknown>;
    out.push(obj);
    for (const v of Object.values(obj)) objectsIn(v, out);
  }
  return out;
}

/** Keys that end in `Id` but name no object. */
const NOT_REFERENCES = new Set(['VendorApplicationId']);

/**
 * Every `*Id`/`*Ids` value must name an `@id` in the document whose `@type`
 * is one the schema's `refTypes` allows; `@id`s must be unique.
 */
export function referenceCheck(doc: unknown): { problems: string[]; references: number } {
  const problems: string[] = [];
  const objects = objectsIn(doc);
  const typeOf = new Map<string, string>();
  for (const o of objects) {
    const type = o['@type'];
    const id = o['@id'];
    if (typeof type !== 'string') problems.push(`no @type: ${JSON.stringify(o).slice(0, 80)}`);
    else if (id === undefined) continue;
    else if (typeof id !== 'string') problems.push(`${type} has a non-string @id`);
    else if (typeOf.has(id)) problems.push(`duplicate @id ${id}`);
    else typeOf.set(id, type);
  }
  let references = 0;
  for (const o of objects) {
    const type = o['@type'];
    if (typeof type !== 'string') continue;
    const properties = schema.definitions[type]?.properties ?? {};
    for (const [key, value] of Object.entries(o)) {
      if (key === '@id' || !/Ids?$/.test(key)) continue;
      const allowed = properties[key]?.refTypes ?? properties[key]?.items?.refTypes;
      if (allowed === undefined) {
        if (!NOT_REFERENCES.has(key)) problems.push(`${type}.${key} is no reference in the schema`);
        continue;
      }
      for (const ref of Array.isArray(value) ? (value as unknown[]) : [value]) {
        references++;
        const target = typeof ref === 'string' ? typeOf.get(ref) : undefined;
        if (target === undefined) problems.push(`${type}.${key} → ${String(ref)} does not resolve`);
        else if (!allowed.includes(target)) {
          problems.push(`${type}.${key} → ${String(ref)} is a ${target}, not ${allowed.join('|')}`);
        }
      }
    }
  }
  return { problems, references };
}
