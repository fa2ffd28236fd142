import type { AcceptedEvent, EventSchema } from './types.js';

/** A publish request Azure would refuse; `code` and `message` become the Azure-style error body. */
export class PublishError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

const bad = (message: string): PublishError => new PublishError(400, 'BadRequest', message);

/**
 * Turns a publish request body into accepted events, validating like Azure: the content type picks the
 * schema (what `EventGridPublisherClient` sends: `application/cloudevents-batch+json` for "CloudEvent",
 * `application/json` for "EventGrid"), the body must be a JSON array, and every event needs its
 * required attributes. One bad event refuses the whole batch, as in Azure.
 */
export function parsePublishedEvents(body: Buffer, contentType: string | undefined, topicName: string): AcceptedEvent[] {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let schema: EventSchema;
  let single = false;
  if (media === 'application/cloudevents-batch+json') schema = 'CloudEvent';
  else if (media === 'application/cloudevents+json') [schema, single] = ['CloudEvent', true];
  else if (media === 'application/json' || media === '') schema = 'EventGrid';
  else throw new PublishError(415, 'UnsupportedMediaType', `Unsupported content type '${media}'.`);

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw bad(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  const items = single ? [parsed] : parsed;
  if (!Array.isArray(items)) throw bad('The request body must be a JSON array of events.');
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad(`events[${i}] is not an object.`);
    const event = item as Record<string, unknown>;
    return schema === 'CloudEvent' ? acceptCloudEvent(event, i) : acceptEventGridEvent(event, i, topicName);
  });
}

function acceptCloudEvent(event: Record<string, unknown>, i: number): AcceptedEvent {
  for (const name of ['id', 'source', 'type', 'specversion']) requireString(event, name, i);
  if (event.specversion !== '1.0') throw bad(`events[${i}]: specversion must be '1.0', got '${String(event.specversion)}'.`);
  if ('data' in event && 'data_base64' in event) throw bad(`events[${i}]: 'data' and 'data_base64' are mutually exclusive.`);
  if (event.data_base64 !== undefined && typeof event.data_base64 !== 'string') {
    throw bad(`events[${i}]: 'data_base64' must be a base64 string.`);
  }
  optionalTime(event, 'time', i);
  if (event.subject !== undefined && typeof event.subject !== 'string') throw bad(`events[${i}]: 'subject' must be a string.`);
  return {
    schema: 'CloudEvent',
    id: event.id as string,
    eventType: event.type as string,
    subject: (event.subject as string | undefined) ?? '',
    event,
  };
}

function acceptEventGridEvent(event: Record<string, unknown>, i: number, topicName: string): AcceptedEvent {
  for (const name of ['id', 'subject', 'eventType', 'dataVersion', 'eventTime']) requireString(event, name, i);
  optionalTime(event, 'eventTime', i);
  // Azure stamps the topic's resource id and the metadata version on every delivered Event Grid event.
  const stamped = {
    ...event,
    topic:
      event.topic ??
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.EventGrid/topics/${topicName}`,
    metadataVersion: '1',
  };
  return {
    schema: 'EventGrid',
    id: event.id as string,
    eventType: event.eventType as string,
    subject: event.subject as string,
    event: stamped,
  };
}

function requireString(event: Record<string, unknown>, name: string, i: number): void {
  const value = event[name];
  if (value === undefined || value === null) throw bad(`events[${i}]: required property '${name}' is missing.`);
  if (typeof value !== 'string' || value === '') throw bad(`events[${i}]: property '${name}' must be a non-empty string.`);
}

function optionalTime(event: Record<string, unknown>, name: string, i: number): void {
  const value = event[name];
  if (value === undefined) return;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw bad(`events[${i}]: property '${name}' must be an RFC 3339 timestamp.`);
  }
}
