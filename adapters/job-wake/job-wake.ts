/**
 * The enqueuing side's nudge: tells idle workers that a job is waiting, so a worker whose queue has no push (a storage
 * queue is polled) takes it at once instead of on its next poll. Best-effort by design: `wake` never throws and never
 * waits, and a nudge that is lost only means the job waits for that next poll. Adapters: DatagramJobWake (a loopback
 * datagram to the local container runner) and InMemoryJobWake (tests). All pass job-wake.contract.ts.
 */
export interface JobWake {
  wake(): void;
  close(): Promise<void>;
}

/** The worker side: hears the nudges. `onWake` returns what stops the listener hearing them. */
export interface JobWakeups {
  onWake(listener: () => void): () => void;
}
