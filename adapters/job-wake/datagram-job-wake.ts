import { createSocket, type Socket } from 'node:dgram';
import type { JobWake } from './job-wake.js';

const NUDGE = Buffer.from('wake');

/**
 * Sends each wake as one UDP datagram to `host:port` (the local container runner's wake address): no connection, no
 * answer awaited, nothing that can make an enqueue fail or wait. A datagram nobody listens for is simply lost.
 */
export class DatagramJobWake implements JobWake {
  private readonly socket: Socket;
  private readonly host: string;
  private readonly port: number;

  constructor(address: string) {
    const { host, port } = parseWakeAddress(address);
    this.host = host;
    this.port = port;
    this.socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    // Errors (ICMP port unreachable while the runner restarts) are the nudge being lost, which is allowed.
    this.socket.on('error', () => undefined);
    // The socket must not keep a process alive that has nothing else to do.
    this.socket.unref();
  }

  wake(): void {
    try {
      this.socket.send(NUDGE, this.port, this.host, () => undefined);
    } catch {
      // Closed or not yet bound: a lost nudge; the job waits for the next poll.
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/** `host:port` or `[ipv6]:port`; the setting's validation (app/config.ts) uses the same reading. */
export function parseWakeAddress(address: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(address.trim());
  const port = Number(m?.[3]);
  if (!m || !(port > 0 && port < 65536)) throw new RangeError(`"${address}" is not a host:port wake address`);
  return { host: (m[1] ?? m[2])!, port };
}
