#!/usr/bin/env node
// The stay-calc command: the bundled CLI (built by `npm run build`, see esbuild.config.mjs).
require('../dist/bundle/stay-calc.cjs')
