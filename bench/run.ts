/**
 * `npm run bench [-- <name>… [options]]`: runs the named benchmarks, or all
 * of them. Each bench is a module that runs when imported and reads its own
 * options from `process.argv`.
 *
 *   npm run bench                                  every bench
 *   npm run bench -- registry                      init --demo and registry reads
 *   npm run bench -- results [--engine pglite|postgres] [--scale N] [--clients N]
 *   npm run bench -- dp4 [--rows N] [--engine pglite|postgres]
 *   npm run bench -- field-load [--runs N]         field pages' weight and slow-3G load time (needs a build)
 *   npm run bench -- public [--engine pglite|postgres] [--streams N] [--connections N]
 *                                                  the public crowd during the voting night, beside nginx
 */
export {};

const BENCHES = {
  registry: () => import('./registry.bench.ts'),
  results: () => import('./results.bench.ts'),
  dp4: () => import('./dp4.bench.ts'),
  'field-load': () => import('./field-load.bench.ts'),
  public: () => import('./public.bench.ts'),
} as const;
type Name = keyof typeof BENCHES;

const isName = (a: string): a is Name => Object.hasOwn(BENCHES, a);
const args = process.argv.slice(2);
const named = args.filter(isName);
const unknown = args.filter(
  (a, i) => !a.startsWith('-') && !isName(a) && !args[i - 1]?.startsWith('--'),
);
if (unknown.length > 0) {
  process.stderr.write(
    `unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`,
  );
  process.exit(2);
}
for (const name of named.length > 0 ? named : (Object.keys(BENCHES) as Name[])) {
  process.stdout.write(`== bench ${name}\n`);
  await BENCHES[name]();
}
