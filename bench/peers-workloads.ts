/** The durable workloads both engines run, each returning the seconds it took. */
export interface Peer {
  /** `count` orchestrations of five sequential no-op activities, started at once. */
  helloCities5(count: number): Promise<number>;
  /** One orchestration that fans out `count` activities and fans their results in. */
  fanOut(count: number): Promise<number>;
  /** One orchestration of `count` activities in a row. */
  sequential(count: number): Promise<number>;
  stop(): Promise<void>;
}

export const WORKLOADS = { helloCities5: 1000, fanOut: 1000, sequential: [250, 500, 1000] };
