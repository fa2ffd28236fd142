import { describe, expect, it } from 'vitest';
import { DatagramJobWake, parseWakeAddress } from './datagram-job-wake.js';
import { listenForJobWakes } from './datagram-job-wakeups.js';
import { InMemoryJobWake } from './in-memory-job-wake.js';
import { jobWakeContract } from './job-wake.contract.js';

jobWakeContract(
  'InMemoryJobWake',
  async () => {
    const both = new InMemoryJobWake();
    return { wake: both, wakeups: both, close: () => both.close() };
  },
  () => new InMemoryJobWake(),
);

// Real loopback datagrams: the runner's end listens on a free port, the app's end sends to it.
jobWakeContract(
  'DatagramJobWake → listenForJobWakes',
  async () => {
    const wakeups = await listenForJobWakes();
    const wake = new DatagramJobWake(`127.0.0.1:${wakeups.port}`);
    return { wake, wakeups, close: async () => (await wake.close(), await wakeups.close()) };
  },
  // Port 9 (discard) on loopback: nothing listens, so the kernel answers port-unreachable.
  () => new DatagramJobWake('127.0.0.1:9'),
);

describe('parseWakeAddress', () => {
  it('reads host:port and [ipv6]:port', () => {
    expect(parseWakeAddress('127.0.0.1:40123')).toEqual({ host: '127.0.0.1', port: 40123 });
    expect(parseWakeAddress('[::1]:7075')).toEqual({ host: '::1', port: 7075 });
  });

  it('refuses what is not one', () => {
    for (const bad of ['127.0.0.1', 'localhost:0', 'host:70000', 'http://127.0.0.1:1']) {
      expect(() => parseWakeAddress(bad)).toThrow(RangeError);
    }
  });
});
