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
