// The local stand-in for the mailbox Logic App, as `npm start` mounts it.
export { startMailDrop } from './start-mail-drop.js';
export type { MailDropLogger, MailDropOptions, RunningMailDrop } from './start-mail-drop.js';
export { toInboundEmail } from './to-inbound-email.js';
export type { MailEnvelope, ToInboundEmailOptions } from './to-inbound-email.js';
