import { z } from 'zod';

/**
 * What the Logic App's HTTP action posts for an Office 365 "When a new email arrives (V3)"
 * trigger — and what the local mail drop builds from an SMTP message. Attachments are base64.
 */
export const inboundEmail = z.object({
  from: z.string().min(3).max(320),
  to: z.string().max(2000).optional(),
  subject: z.string().max(1000).default(''),
  receivedDateTime: z.iso.datetime({ offset: true }),
  internetMessageId: z.string().min(3).max(998),
  /** The SMTP envelope sender (MAIL FROM; Exchange Online's `Return-Path`); it must be the `from` address. */
  envelopeFrom: z.string().max(320).optional(),
  /**
   * The `Authentication-Results` header the receiving mail system wrote (on Azure, Exchange Online's: the topmost one;
   * locally, the mail drop's for an SMTP AUTH session). Without a pass for the `from` address, the sender is not trusted.
   */
  authenticationResults: z.string().max(8000).optional(),
  attachments: z
    .array(
      z.object({
        name: z.string().min(1).max(255),
        contentType: z.string().max(255).optional(),
        contentBytes: z.base64(),
      }),
    )
    .default([]),
});
export type InboundEmail = z.infer<typeof inboundEmail>;

/** Problem codes of `POST /api/submissions/email` that refuse the sender itself: the mail drop answers them SMTP 550. */
export const emailSenderRefusals = ['sender-not-authenticated', 'sender-mismatch'] as const;
