/** The durable workloads both engines run: orchestration and activity counts. */
export interface Workloads {
  helloCities5: number;
  fanOut: number;
  /** Sequential chains, one orchestration each, of these many activities. */
  sequential: number[];
}

/** Seconds each workload took on one engine. */
export interface PeerTimings {
  helloCities5: number;
  fanOut: number;
  sequential: Record<number, number>;
}

export const WORKLOADS: Workloads = { helloCities5: 1000, fanOut: 1000, sequential: [250, 500, 1000] };
