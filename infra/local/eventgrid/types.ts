import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../host/types.js';
import type { SubscriptionConfig } from './subscriptions.js';

/** The two input schemas `EventGridPublisherClient` can publish (its "Custom" schema is not served). */
export type EventSchema = 'CloudEvent' | 'EventGrid';

/** One event as accepted from a publisher, kept in the schema it was published in. */
export interface AcceptedEvent {
  schema: EventSchema;
  id: string;
  /** `type` (CloudEvent) or `eventType` (Event Grid): what `includedEventTypes` matches. */
  eventType: string;
  /** Empty when a CloudEvent has no subject. */
  subject: string;
  event: Record<string, unknown>;
}

/** Why delivery was given up (Azure's dead-letter reasons, plus a refusal Azure never retries). */
export type DeadLetterReason = 'MaxDeliveryAttemptsExceeded' | 'TimeToLiveExceeded' | 'NonRetryableResponse';

/** What a dead-lettered delivery leaves behind: enough to inspect and replay it. */
export interface DeadLetterRecord {
  topic: string;
  subscription: string;
  /** The event exactly as it would have been delivered. */
  event: Record<string, unknown>;
  deliveryAttempts: number;
  deadLetterReason: DeadLetterReason;
  lastError: string;
  lastHttpStatus?: number;
  /** ISO 8601 (UTC). */
  deadLetteredAt: string;
}

/** Port: where deliveries that finally failed go. Writing the same record twice must be harmless. */
export interface DeadLetterSink {
  write(record: DeadLetterRecord): Promise<void>;
}

export interface RetryOptions {
  /** Default for subscriptions without their own `retryPolicy.maxDeliveryAttempts`; Azure: 30. */
  maxDeliveryAttempts?: number;
  /** First retry delay; Azure starts at 10 s. Tests set this small. */
  initialDelayMs?: number;
  /** Cap on one retry delay; default 12 h (Azure's longest step). */
  maxDelayMs?: number;
  /** Default for subscriptions without their own `retryPolicy.eventTimeToLiveInMinutes`; Azure: 24 h. */
  eventTimeToLiveMs?: number;
}

export interface EventGridTopicOptions {
  /** e.g. 'newsdesk'. */
  topicName: string;
  /** Access key; requests carry it as `aeg-sas-key` (AzureKeyCredential) or sign an `aeg-sas-token` with it. */
  key: string;
  subscriptions: SubscriptionConfig[];
  /** Provided by the host: runs an eventGridTrigger function; rejects if the function throws. */
  deliverToFunction(functionName: string, event: unknown): Promise<void>;
  deadLetter: DeadLetterSink;
  /** SQLite file holding accepted-but-undelivered deliveries; ':memory:' for unit tests. */
  store: string;
  retry?: RetryOptions;
  /** How long a webhook may take to answer before the attempt counts as failed; Azure: 30 s. */
  deliveryTimeoutMs?: number;
  /** Deliveries in flight at once; default 16. */
  concurrency?: number;
  logger?: Logger;
}

export interface EventGridTopic {
  /** Serves `POST …/api/events` for this topic. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Begins delivering, starting with what the store still holds from before a restart. */
  start(): void;
  /** Stops delivering; unfinished deliveries stay in the store for the next `start()`. */
  close(): Promise<void>;
}
