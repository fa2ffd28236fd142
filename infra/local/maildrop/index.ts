// The local stand-in for a mailbox Logic App (Office 365 trigger → HTTP POST): an SMTP server on loopback.
export { startMailDrop } from './start-mail-drop.js';
export type { MailDropLogger, MailDropOptions, RunningMailDrop } from './start-mail-drop.js';
export { toInboundEmail } from './to-inbound-email.js';
export type { MailEnvelope, ToInboundEmailOptions } from './to-inbound-email.js';
export type { InboundEmail } from './inbound-email.js';
