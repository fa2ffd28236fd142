import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import type { JobWakeups } from './job-wake.js';

export interface DatagramJobWakeups extends JobWakeups {
  /** The port it got (0 asks for a free one): what the enqueuing side's wake address names. */
  port: number;
  close(): Promise<void>;
}

/** Hears DatagramJobWake's nudges on a UDP port of `host` (loopback by default): every datagram is one wake. */
export async function listenForJobWakes(options: { host?: string; port?: number } = {}): Promise<DatagramJobWakeups> {
  const host = options.host ?? '127.0.0.1';
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const listeners = new Set<() => void>();
  socket.on('message', () => {
    for (const listener of [...listeners]) listener();
  });
  socket.bind(options.port ?? 0, host);
  await once(socket, 'listening');
  // Receive errors must not end the process hearing wakes; the workers still poll.
  socket.on('error', () => undefined);
  return {
    port: socket.address().port,
    onWake(listener) {
      const own = () => listener();
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
