import { z } from 'zod';
import { parseBody } from '../http/parse-body.js';

const name = z.string().trim().min(1).max(100);
const webhook = z.string().min(1).max(2048);
const senders = z
  .array(z.email().max(254))
  .max(20)
  .transform((list) => [...new Set(list.map((address) => address.toLowerCase()))]);
const rateLimit = z.number().int().min(1).max(100_000);

/** `POST /api/manage/clients`: only these fields; the key and secret are made by Newsdesk. */
export const createClientBody = z.strictObject({
  name,
  defaultWebhookUrl: webhook.optional(),
  mailSenders: senders.default([]),
  rateLimitPerMinute: rateLimit.optional(),
});

/** `PATCH /api/manage/clients/{id}`: what is given changes; `defaultWebhookUrl: null` removes it. */
export const updateClientBody = z
  .strictObject({
    name: name.optional(),
    defaultWebhookUrl: webhook.nullable().optional(),
    mailSenders: senders.optional(),
    rateLimitPerMinute: rateLimit.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, defaultWebhookUrl, mailSenders, rateLimitPerMinute');

/** The body parsed with `schema`, or 400 invalid-client naming what is wrong. */
export function parseClientBody<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  return parseBody(schema, raw, { code: 'invalid-client', title: 'Invalid client' });
}
