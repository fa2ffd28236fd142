import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests load the local platform package (@newsdesk/local-platform) from its TypeScript sources, not its dist/.
  ssr: { resolve: { conditions: ['newsdesk-source', 'node', 'development|production'] } },
  test: {
    // Vitest's default is one worker per core but one: a single file at a time on this 2-core machine. Most suites
    // wait on processes, sockets and timers rather than the CPU, so a few at once finish sooner.
    maxWorkers: 3,
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
