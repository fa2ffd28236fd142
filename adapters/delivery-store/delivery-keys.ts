import type { DeliveryAttempt } from './delivery-store.js';

// Table keys may not contain / \ # ? or control characters. Ours are generated ids, so a bad one
// is a bug to surface, not something to escape (escaping would also change the sort order).
// Every DeliveryStore adapter refuses the same ids, so a bug shows in unit tests too.
const isForbidden = (c: string): boolean => '/\\#?'.includes(c) || c <= '\u001f' || (c >= '\u007f' && c <= '\u009f');

/** The id itself, when it can be a key; a RangeError naming the field when not. */
export function deliveryKey(name: string, value: string): string {
  if (value === '' || value.length > 255 || [...value].some(isForbidden))
    throw new RangeError(`Invalid ${name} for a table key: ${JSON.stringify(value)}`);
  return value;
}

/** `${deliveryId}.${attempt padded}`: one row per try, so a repeated write lands on the same row. */
export function attemptKey(attempt: DeliveryAttempt): string {
  if (!Number.isSafeInteger(attempt.attempt) || attempt.attempt < 1 || attempt.attempt > 999_999) {
    throw new RangeError(`Invalid attempt number ${attempt.attempt}`);
  }
  return `${deliveryKey('deliveryId', attempt.deliveryId)}.${String(attempt.attempt).padStart(6, '0')}`;
}
