#!/usr/bin/env node
// The stay-calc command: the bundled CLI (built by `npm run build`, see esbuild.config.mjs), compiled
// with the V8 code cache the build leaves beside it. Node 20 has no compile cache of its own, and
// compiling the bundle's functions was about a seventh of a short run (issue 2: a whole run within
// 1.5× `node -e 0`). V8 rejects a cache made for another bundle or another Node, and then the
// bundle compiles as it would anyway; STAY_CALC_CODE_CACHE=write (the build) writes a new one.
'use strict'
const { readFileSync, writeFileSync } = require('node:fs')
const { createRequire, wrap } = require('node:module')
const { dirname, join } = require('node:path')
const { Script } = require('node:vm')

const file = join(__dirname, '..', 'dist', 'bundle', 'stay-calc.cjs')
const cacheFile = join(dirname(file), 'stay-calc.cache')
let cachedData
try {
  cachedData = readFileSync(cacheFile)
} catch {
  // No cache (a build without one): compile as usual.
}
// The bundle has no import(): a vm script would need leave for it (src/batch/progress.ts).
const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData })
if (process.env.STAY_CALC_CODE_CACHE === 'write') {
  // After the run, so the functions it compiled are in the cache too.
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()))
}
const module_ = { exports: {} }
script.runInThisContext().call(module_.exports, module_.exports, createRequire(file), module_, file, dirname(file))
