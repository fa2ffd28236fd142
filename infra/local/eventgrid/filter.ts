import type { SubscriptionFilter } from './subscriptions.js';

/**
 * Azure's basic filters: the event type must be one of `includedEventTypes` (exact match, all types
 * when absent); the subject prefix and suffix compare case-insensitively unless `isSubjectCaseSensitive`.
 */
export function matchesFilter(filter: SubscriptionFilter, event: { eventType: string; subject: string }): boolean {
  if (filter.includedEventTypes && !filter.includedEventTypes.includes(event.eventType)) return false;
  const fold = (s: string): string => (filter.isSubjectCaseSensitive ? s : s.toLowerCase());
  const subject = fold(event.subject);
  if (filter.subjectBeginsWith && !subject.startsWith(fold(filter.subjectBeginsWith))) return false;
  if (filter.subjectEndsWith && !subject.endsWith(fold(filter.subjectEndsWith))) return false;
  return true;
}
