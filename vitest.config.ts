import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Pin the clock's zone: journal dates are local dates and tests must not drift with the host.
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
