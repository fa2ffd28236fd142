import { runActivityEvent } from './activity-event.js';
import type { ActivityItem, DurableStore, InboxMessage } from './store.js';

export interface ActivityPoolOptions {
  store: DurableStore;
  run(name: string, inputJson: string | null): Promise<unknown>;
  maxConcurrent: number;
  /** The engine's clock, as history timestamps. */
  now(): string;
  /** The answer is stored in the instance's inbox: the engine tracks it for the next episode. */
  answered(message: InboxMessage): void;
  /** An activity finished (either way): the engine dispatches what waits and checks for idle. */
  settled(): void;
}

/**
 * The activities scheduled and not yet answered, run at most `maxConcurrent` at once. Each answer
 * replaces its activity row in one transaction, so a crash runs an activity again, never loses it.
 */
export class ActivityPool {
  private readonly waiting: ActivityItem[] = [];
  private active = 0;

  constructor(private readonly o: ActivityPoolOptions) {}

  add(items: ActivityItem[]): void {
    this.waiting.push(...items);
  }

  /** No activity waits and none runs. */
  get idle(): boolean {
    return this.waiting.length === 0 && this.active === 0;
  }

  get running(): number {
    return this.active;
  }

  /** Starts waiting activities up to the concurrency limit. */
  dispatch(): void {
    while (this.waiting.length > 0 && this.active < this.o.maxConcurrent) {
      const item = this.waiting.shift()!;
      this.active++;
      void this.execute(item).finally(() => {
        this.active--;
        this.o.settled();
      });
    }
  }

  private async execute(item: ActivityItem): Promise<void> {
    const event = await runActivityEvent(item, (name, input) => this.o.run(name, input), this.o.now);
    const visibleAt = Date.now();
    const id = this.o.store.transaction(() => {
      this.o.store.removeActivity(item.id);
      return this.o.store.enqueue(item.instanceId, visibleAt, event);
    });
    this.o.answered({ id, instanceId: item.instanceId, visibleAt, event });
  }
}
