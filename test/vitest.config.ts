import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['system/**/*.test.ts', 'support/**/*.test.ts', 'stack/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: '.results/vitest.json' }]],
  },
});
