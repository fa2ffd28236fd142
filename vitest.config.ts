import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests load the local platform package (@newsdesk/local-platform) from its TypeScript sources, not its dist/.
  ssr: { resolve: { conditions: ['newsdesk-source', 'node', 'development|production'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{app,lib,adapters,ingest,orchestrator,workers,classifier,contracts,infra,bench}/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Integration suites start real processes on fixed-free ports; run files one at a time on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
