import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Figure } from './report.js';
import { cpuSeconds } from './process-stats.js';
import { startTusPeer, tusUpload } from './tus-peer.js';

const MB = 1024 * 1024;
const N = 50;
// Each peer runs this many rounds, alternating with the other: on a shared 2-core machine a neighbour's burst then
// lands on both rather than on one.
const ROUNDS = 3;

export interface IngestTarget {
  storage: string;
  hostPid: number;
  /** Posts one photo as a multipart submission; resolves with the status. */
  post(name: string, bytes: Buffer): Promise<number>;
  /** Sends one photo through an upload session (create, Put Blob to its SAS URL, commit); resolves with the commit's status. */
  session(name: string, bytes: Buffer): Promise<number>;
}

interface Run {
  seconds: number;
  cpu: number;
}

async function measure(pid: number, fn: () => Promise<unknown>): Promise<Run> {
  const cpu = cpuSeconds(pid);
  const t = performance.now();
  await fn();
  return { seconds: (performance.now() - t) / 1000, cpu: cpuSeconds(pid) - cpu };
}

const mbPerS = (runs: Run[], bytes: number): number => (runs.length * bytes) / MB / runs.reduce((s, r) => s + r.seconds, 0);
const cpuPer250 = (runs: Run[], bytes: number): number => (runs.reduce((s, r) => s + r.cpu, 0) * 250 * MB) / (runs.length * bytes);

/**
 * 50 concurrent 5 MB uploads, the same photo each time: through Newsdesk's POST /api/submissions on the local host,
 * through `@tus/server` + `@tus/azure-store` driven by tus-js-client (the peer), and with the SDK straight to the same
 * Azurite (the ceiling). CPU is the host's and the tus server's own process.
 */
export async function ingestThroughput(target: IngestTarget, five: Buffer): Promise<Figure[]> {
  const container = BlobServiceClient.fromConnectionString(target.storage).getContainerClient('benchdirect');
  await container.createIfNotExists();
  const tus = await startTusPeer(target.storage);
  try {
    const all = <T>(fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: N }, (_, i) => fn(i)));
    const allAccepted = async (what: string, send: (i: number) => Promise<number>) => {
      const statuses = await all(send);
      if (statuses.some((s) => s !== 202)) throw new Error(`${what} answered ${statuses.join(',')}`);
    };
    // Warm both: connections, containers, JIT.
    for (let i = 0; i < 5; i++) await Promise.all([tusUpload(tus.endpoint, five, `warm${i}.jpg`), target.post(`warm${i}.jpg`, five)]);
    const direct: Run[] = [];
    const staged: Run[] = [];
    const peer: Run[] = [];
    const ours: Run[] = [];
    const sessions: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      direct.push(await measure(process.pid, () => all(() => container.getBlockBlobClient(randomUUID()).uploadData(five))));
      // What a streaming ingest can reach at best: the size is unknown until the part ends, so the blob is staged in
      // blocks and committed (Put Block + Put Block List) rather than sent in one Put Blob.
      staged.push(
        await measure(process.pid, () =>
          all(() => container.getBlockBlobClient(randomUUID()).uploadStream(Readable.from([five]), 8 * MB, 2)),
        ),
      );
      peer.push(await measure(tus.pid, () => all((i) => tusUpload(tus.endpoint, five, `p${i}.jpg`))));
      ours.push(await measure(target.hostPid, () => allAccepted('ingest', (i) => target.post(`p${i}.jpg`, five))));
      sessions.push(await measure(target.hostPid, () => allAccepted('upload sessions', (i) => target.session(`s${i}.jpg`, five))));
    }
    const bytes = N * five.length;
    const ingest = mbPerS(ours, bytes);
    const tusMbPerS = mbPerS(peer, bytes);
    const sessionMbPerS = mbPerS(sessions, bytes);
    const multipart: Figure = {
      name: '50 concurrent 5 MB uploads: Newsdesk ingest ÷ @tus/server + @tus/azure-store (tus-js-client), same Azurite',
      value: ingest / tusMbPerS,
      unit: 'ratio',
      goal: { op: '>=', value: 1 },
      compare: {
        'Newsdesk MB/s': ingest,
        'tus MB/s': tusMbPerS,
        'direct SDK MB/s (upper bound)': mbPerS(direct, bytes),
        'direct SDK, staged blocks MB/s': mbPerS(staged, bytes),
        'Newsdesk host CPU-s per 250 MB': cpuPer250(ours, bytes),
        'tus server CPU-s per 250 MB': cpuPer250(peer, bytes),
        rounds: ROUNDS,
      },
    };
    // tus is a resumable upload protocol; Newsdesk's is the upload session (what the CLI and the desk use for big
    // files): the bytes go straight to Blob Storage with a SAS URL, and the host only creates and commits.
    const resumable: Figure = {
      name: '50 concurrent 5 MB uploads: Newsdesk upload sessions (create, Put Blob to SAS, commit) ÷ tus, same Azurite',
      value: sessionMbPerS / tusMbPerS,
      unit: 'ratio',
      goal: { op: '>=', value: 1 },
      compare: {
        'Newsdesk upload sessions MB/s': sessionMbPerS,
        'tus MB/s': tusMbPerS,
        'Newsdesk host CPU-s per 250 MB': cpuPer250(sessions, bytes),
        rounds: ROUNDS,
      },
    };
    return [multipart, resumable];
  } finally {
    await tus.stop();
  }
}
