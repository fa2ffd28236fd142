import { childPids } from './child-pids.js';

/** The pid of the Functions host the `npm start` supervisor (pid `parent`) runs. */
export function findHostPid(parent: number): number | undefined {
  return childPids(parent, 'host/cli.js')[0];
}
