/** The NIK region prefixes: every kecamatan code of Indonesia, read once per thread. */
import { getDistricts } from 'idn-area-data';

let prefixes: Promise<Set<string>> | undefined;

/** Every kecamatan code of Indonesia as 6 digits (`351301`). */
export function knownNikPrefixes(): Promise<Set<string>> {
  prefixes ??= (async () => {
    const districts = (await getDistricts()) as readonly { code: string }[];
    return new Set(districts.map((d) => d.code.replaceAll('.', '')));
  })();
  return prefixes;
}
