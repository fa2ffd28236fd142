import type { IncomingHttpHeaders } from 'node:http';

/** One POST the inbox received, as `GET /deliveries` lists it. */
export interface Delivery {
  /** The `webhook-id` header (a retry keeps its delivery's id); null when the sender gave none. */
  id: string | null;
  receivedAt: string;
  /** The path it was POSTed to: one inbox can take several webhook URLs apart. */
  path: string;
  headers: IncomingHttpHeaders;
  verified: boolean;
  /** Why the signature did not verify; absent when it did. */
  reason?: string;
  /** The status the inbox answered with. */
  status: number;
  /** The body parsed as JSON, or its text when it is not JSON. */
  body: unknown;
}

/** The last `capacity` deliveries, oldest first: a dev tool's memory stays bounded however long it runs. */
export class DeliveryLog {
  private readonly entries: Delivery[] = [];

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`An inbox keeps at least one delivery, not ${capacity}`);
  }

  add(delivery: Delivery): void {
    this.entries.push(delivery);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): readonly Delivery[] {
    return [...this.entries];
  }
}
