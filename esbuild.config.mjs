// The CLI's runtime build: one CommonJS file for the bin (dist/bundle/stay-calc.cjs). Node 20 has
// no compile cache, and loading ~60 small ES modules cost more start-up time than everything else
// a run does; one CommonJS file loads fastest (issue 2 target: a whole run ≤ 1.5× `node -e 0`,
// printed by `npm run bench`). Code only some runs need (batch, planning, zones) is bundled but
// evaluated on first use; the big optional packages stay outside and load only when needed.
// The library (`dist/index.js` and its types) is still built by tsc.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

/**
 * Stand-ins for two modules that cost start-up time and do nothing for stay-calc:
 * - commander loads `node:child_process` for git-style executable subcommands, which stay-calc
 *   does not have (a call into the stand-in would fail loudly, never silently);
 * - chalk probes the terminal (supports-color) when loaded, but stay-calc decides colour itself
 *   (src/io.ts: --color, NO_COLOR, FORCE_COLOR, TTY) and always passes chalk an explicit level.
 * Together they were ~6 ms of every run.
 */
const STAND_INS = [
  { module: /^(node:)?child_process$/, importer: 'node_modules/commander/', contents: 'module.exports = {}' },
  { module: /supports-color/, importer: 'node_modules/chalk/', contents: 'export default { stdout: false, stderr: false }' },
]
const standIns = {
  name: 'stand-ins',
  setup(b) {
    STAND_INS.forEach((s, i) =>
      b.onResolve({ filter: s.module }, (args) => (args.importer.includes(s.importer) ? { path: String(i), namespace: 'stand-in' } : undefined)),
    )
    b.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({ contents: STAND_INS[Number(args.path)].contents, loader: 'js' }))
  },
}

await build({
  entryPoints: ['src/run.ts'],
  outfile: 'dist/bundle/stay-calc.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // luxon: only for --date-format (parse/date.ts); zod and yaml: only for --rules-file;
  // cli-progress: only for long batch runs on a terminal.
  external: ['luxon', 'zod', 'yaml', 'cli-progress'],
  plugins: [standIns],
  // parse/date.ts resolves luxon relative to its own module URL.
  define: { 'import.meta.url': '__stayCalcModuleUrl' },
  banner: { js: "const __stayCalcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
})

// The batch worker thread (src/batch/worker.ts), where `spawnWorker` in src/run.ts looks for it
// relative to the bundle: one ES module (the package is `"type": "module"`).
await build({
  entryPoints: ['src/batch/worker.ts'],
  outfile: 'dist/bundle/batch/worker.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['luxon'],
  // CommonJS dependencies (csv-parse's stream build) reach `require` through this.
  banner: { js: "import { createRequire as __stayCalcRequire } from 'node:module'; const require = __stayCalcRequire(import.meta.url);" },
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
})

// The V8 code cache bin/stay-calc.cjs compiles the bundle with: made by a run of the command, so
// the functions a run needs are in it. A stale cache is removed first (V8 would reject it anyway).
rmSync('dist/bundle/stay-calc.cache', { force: true })
const warm = spawnSync(process.execPath, ['bin/stay-calc.cjs', 'examples/kazakhstan.csv', '--rule', 'kz', '--on', '2023-06-01'], {
  env: { ...process.env, STAY_CALC_CODE_CACHE: 'write', NO_COLOR: '1' },
  stdio: 'ignore',
})
if (warm.status !== 0) throw new Error(`writing the code cache: the command exited ${warm.status}`)
