// The local Event Grid stand-in, as the local host mounts it.
export { createEventGridTopic, MAX_REQUEST_BYTES } from './topic.js';
export { loadSubscriptions, parseSubscriptions, subscriptionsFileSchema } from './subscriptions.js';
export type { SubscriptionConfig, SubscriptionFilter, SubscriptionsFile } from './subscriptions.js';
export { BlobDeadLetterSink, deadLetterBlobName } from './blob-dead-letter-sink.js';
export type * from './types.js';
