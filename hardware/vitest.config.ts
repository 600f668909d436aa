import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.results/**'],
    testTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: '.results/vitest.json' }]],
  },
});
