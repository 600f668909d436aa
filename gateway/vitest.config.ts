import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: [
      'default',
      ['json', { outputFile: `.results/${process.env.CITY_VITEST_REPORT ?? 'vitest'}.json` }],
    ],
  },
});
