import { defineConfig } from 'vitest/config'

// Output must not depend on the terminal running the tests.
process.env.NO_COLOR = '1'
delete process.env.FORCE_COLOR

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
