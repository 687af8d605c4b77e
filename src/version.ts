/** The package version, kept equal to package.json's by test/cli.test.ts (no file read at start-up). */
export const VERSION = '0.1.0'
