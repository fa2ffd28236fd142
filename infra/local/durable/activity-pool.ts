import { runActivityEvent } from './activity-event.js';
import type { ActivityItem, InboxMessage } from './store.js';

export interface ActivityPoolOptions {
  run(name: string, inputJson: string | null): Promise<unknown>;
  maxConcurrent: number;
  /** The engine's clock, as history timestamps. */
  now(): string;
  /** The answer, in memory: the engine hands it to the instance's next episode, which commits it. */
  answered(message: InboxMessage): void;
  /** An activity finished (either way): the engine dispatches what waits and checks for idle. */
  settled(): void;
}

/**
 * The activities scheduled and not yet answered, run at most `maxConcurrent` at once. An answer is
 * not written on its own: the episode that consumes it deletes the activity row in its own
 * transaction, so a crash before then runs the activity again (at least once), never loses it.
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
    // A negative id never meets an inbox row's (those count up from 1).
    this.o.answered({ id: -item.id, instanceId: item.instanceId, visibleAt: Date.now(), event, activityId: item.id });
  }
}
