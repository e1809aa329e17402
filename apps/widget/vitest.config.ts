import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The option and event tables keep their descriptions in tests, as the generators see them.
  define: { __DOCS__: 'true' },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Pages load slowly on a busy machine; a poll waits up to this long for what a user would see.
    expect: { poll: { timeout: 10_000 } },
  },
});
