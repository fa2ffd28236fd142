import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../describe-issues.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Strict objects everywhere: a misspelt key ("subjectBeginWith") would otherwise silently match everything.
const webhookDestination = z.strictObject({
  type: z.literal('webhook'),
  url: z
    .url({ protocol: /^https?$/ })
    // The local platform never talks to anything off this machine.
    .refine((u) => URL.canParse(u) && LOOPBACK_HOSTS.has(new URL(u).hostname), 'must be a loopback URL (127.0.0.1)'),
});

const functionDestination = z.strictObject({
  type: z.literal('function'),
  functionName: z.string().min(1),
});

const filter = z.strictObject({
  includedEventTypes: z.array(z.string().min(1)).min(1).optional(),
  subjectBeginsWith: z.string().optional(),
  subjectEndsWith: z.string().optional(),
  isSubjectCaseSensitive: z.boolean().optional(),
});

/** Azure's limits: 1–30 attempts, 1–1440 minutes. */
const retryPolicy = z.strictObject({
  maxDeliveryAttempts: z.number().int().min(1).max(30).optional(),
  eventTimeToLiveInMinutes: z.number().int().min(1).max(1440).optional(),
});

export const subscriptionSchema = z.strictObject({
  // Azure's rule for event subscription names.
  name: z.string().regex(/^[A-Za-z0-9-]{3,64}$/, '3-64 letters, digits or hyphens'),
  destination: z.discriminatedUnion('type', [functionDestination, webhookDestination]),
  filter: filter.default({}),
  retryPolicy: retryPolicy.optional(),
});

export const subscriptionsFileSchema = z.strictObject({ subscriptions: z.array(subscriptionSchema) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.subscriptions.forEach((s, i) => {
    if (seen.has(s.name)) {
      ctx.addIssue({ code: 'custom', path: ['subscriptions', i, 'name'], message: `duplicate name "${s.name}"` });
    }
    seen.add(s.name);
  });
});

export type SubscriptionConfig = z.infer<typeof subscriptionSchema>;
export type SubscriptionFilter = z.infer<typeof filter>;
export type SubscriptionsFile = z.input<typeof subscriptionsFileSchema>;

/** Validates an already-parsed subscriptions document; the error names each bad field. */
export function parseSubscriptions(value: unknown, source = 'subscriptions'): SubscriptionConfig[] {
  const result = subscriptionsFileSchema.safeParse(value);
  if (result.success) return result.data.subscriptions;
  const problems = describeIssues(result.error.issues);
  throw new Error(`Invalid Event Grid subscriptions in ${source}:\n  ${problems.join('\n  ')}`);
}

/** Reads and validates the JSON subscriptions file. */
export function loadSubscriptions(path: string): SubscriptionConfig[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read Event Grid subscriptions from ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parseSubscriptions(value, path);
}
