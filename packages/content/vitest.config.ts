import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The consumer and sample tests pack, install and type-check for real; give them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
