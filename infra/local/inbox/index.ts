// A local webhook receiver: Standard Webhooks signatures verified, the last deliveries kept for GET /deliveries.
export { startWebhookInbox } from './start-webhook-inbox.js';
export type { RunningWebhookInbox, WebhookInboxOptions } from './start-webhook-inbox.js';
export { verifyStandardWebhook } from './verify-standard-webhook.js';
export type { StandardWebhookHeaders, Verification } from './verify-standard-webhook.js';
export type { Delivery } from './delivery-log.js';
