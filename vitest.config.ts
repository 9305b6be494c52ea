import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Core's texts follow the language of the turn they are built in (src/wiring/language.ts), as in production.
    setupFiles: ['test/setup/language.ts'],
  },
});
