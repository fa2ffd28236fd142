import { readFileSync } from 'node:fs';

/**
 * Samples the peak resident set (VmHWM, in KiB) of the processes that `pids()` names per role, every `intervalMs`.
 * Processes come and go (a killed one is restarted under a new pid), so each role keeps the highest peak of any of
 * its processes while sampled.
 */
export function samplePeakRss(pids: () => Record<string, number[]>, intervalMs = 500): { stop(): Record<string, number> } {
  const peaks: Record<string, number> = {};
  const sample = () => {
    for (const [role, list] of Object.entries(pids())) {
      for (const pid of list) {
        try {
          const kib = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
          peaks[role] = Math.max(peaks[role] ?? 0, kib);
        } catch {
          // It exited between listing and reading.
        }
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}
