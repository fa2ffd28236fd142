import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests load the local platform package (@newsdesk/local-platform) from its TypeScript sources, not its dist/.
  ssr: { resolve: { conditions: ['newsdesk-source', 'node', 'development|production'] } },
  test: {
    // Vitest's default is one worker per core but one: a single file at a time on this 2-core machine. Most suites
    // wait on processes, sockets, locks and timers rather than the CPU, so three at once finish in about half the time.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{app,cli,lib,adapters,ingest,orchestrator,workers,classifier,contracts,infra,bench,desk}/**/*.test.ts'],
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
          // Every suite starts its own processes on free ports (port 0), so suites do not share anything but the CPU.
        },
      },
    ],
  },
});
