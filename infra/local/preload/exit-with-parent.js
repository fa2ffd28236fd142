// Loaded with `node --import` into every supervised child. Supervised children lead process groups of their own, so
// a terminal's Ctrl-C reaches only their supervisor, which stops them in order; this is what still ends them when
// the supervisor itself dies without stopping them (SIGKILL, a crash): the child is then re-parented, and it stops
// itself as its supervisor would have, with SIGTERM, then exits for good if its own shutdown hangs.
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { isMainThread } from 'node:worker_threads';

const POLL_MS = 500;
const GRACE_MS = 10_000;

if (isMainThread) {
  const parent = process.ppid;
  const poll = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(poll);
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  }, POLL_MS);
  // The watch alone must not keep a child alive that has finished.
  poll.unref();
}
