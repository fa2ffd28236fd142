import { describe, expect, it } from 'vitest';
import { parsePublishedEvents, PublishError } from './parse-events.js';

const CE_BATCH = 'application/cloudevents-batch+json; charset=utf-8';
const json = (v: unknown): Buffer => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const cloudEvent = {
  id: 'e1',
  source: '/ingest',
  type: 'Newsdesk.Submission.Received',
  specversion: '1.0',
  subject: 'submissions/1',
  data: { a: 1 },
};
const gridEvent = {
  id: 'g1',
  subject: 'submissions/1',
  eventType: 'Newsdesk.Submission.Received',
  dataVersion: '1.0',
  eventTime: '2025-01-02T03:04:05Z',
  data: { a: 1 },
};

function refusal(body: Buffer, contentType?: string): PublishError {
  try {
    parsePublishedEvents(body, contentType, 'newsdesk');
  } catch (err) {
    expect(err).toBeInstanceOf(PublishError);
    return err as PublishError;
  }
  throw new Error('expected the batch to be refused');
}

describe('parsePublishedEvents', () => {
  it('reads a CloudEvents batch by its content type, keeping the event as published', () => {
    const [e] = parsePublishedEvents(json([cloudEvent]), CE_BATCH, 'newsdesk');
    expect(e).toEqual({
      schema: 'CloudEvent',
      id: 'e1',
      eventType: cloudEvent.type,
      subject: 'submissions/1',
      event: cloudEvent,
    });
  });

  it('reads a single structured CloudEvent', () => {
    const events = parsePublishedEvents(json(cloudEvent), 'application/cloudevents+json', 'newsdesk');
    expect(events.map((e) => e.id)).toEqual(['e1']);
  });

  it('gives a CloudEvent without subject an empty subject', () => {
    const { subject: _s, ...noSubject } = cloudEvent;
    expect(parsePublishedEvents(json([noSubject]), CE_BATCH, 'newsdesk')[0]?.subject).toBe('');
  });

  it('reads Event Grid schema events from application/json and stamps topic and metadataVersion', () => {
    const [e] = parsePublishedEvents(json([gridEvent]), 'application/json; charset=utf-8', 'newsdesk');
    expect(e?.schema).toBe('EventGrid');
    expect(e?.eventType).toBe(gridEvent.eventType);
    expect(e?.event).toMatchObject({ ...gridEvent, metadataVersion: '1' });
    expect(e?.event.topic).toMatch(/\/providers\/Microsoft\.EventGrid\/topics\/newsdesk$/);
  });

  it('keeps every event of a batch in order', () => {
    const batch = [cloudEvent, { ...cloudEvent, id: 'e2' }, { ...cloudEvent, id: 'e3' }];
    expect(parsePublishedEvents(json(batch), CE_BATCH, 't').map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it.each([
    ['malformed JSON', json('[{"id": '), CE_BATCH, /not valid JSON/],
    ['an object instead of an array', json(cloudEvent), CE_BATCH, /JSON array/],
    ['a non-object element', json([cloudEvent, 42]), CE_BATCH, /events\[1\] is not an object/],
    ['a CloudEvent without source', json([{ ...cloudEvent, source: undefined }]), CE_BATCH, /events\[0\].*'source'/],
    ['a CloudEvent without id', json([{ ...cloudEvent, id: undefined }]), CE_BATCH, /'id'/],
    ['a CloudEvent with an empty type', json([{ ...cloudEvent, type: '' }]), CE_BATCH, /'type'/],
    ['specversion 0.3', json([{ ...cloudEvent, specversion: '0.3' }]), CE_BATCH, /specversion must be '1.0'/],
    ['data and data_base64 together', json([{ ...cloudEvent, data_base64: 'AA==' }]), CE_BATCH, /mutually exclusive/],
    ['an unparseable time', json([{ ...cloudEvent, time: 'yesterday' }]), CE_BATCH, /'time'/],
    ['an Event Grid event without eventType', json([{ ...gridEvent, eventType: undefined }]), 'application/json', /'eventType'/],
    ['an Event Grid event without dataVersion', json([{ ...gridEvent, dataVersion: undefined }]), 'application/json', /'dataVersion'/],
    ['an Event Grid event without subject', json([{ ...gridEvent, subject: undefined }]), 'application/json', /'subject'/],
    ['an Event Grid event with a bad eventTime', json([{ ...gridEvent, eventTime: 'noon' }]), 'application/json', /'eventTime'/],
    ['a CloudEvent sent as Event Grid schema', json([cloudEvent]), 'application/json', /'eventType'/],
  ])('refuses %s with 400 BadRequest', (_what, body, type, message) => {
    const err = refusal(body, type);
    expect(err.status).toBe(400);
    expect(err.code).toBe('BadRequest');
    expect(err.message).toMatch(message);
  });

  it('refuses the whole batch when one event is bad', () => {
    expect(refusal(json([cloudEvent, { ...cloudEvent, id: 'e2', source: 7 }]), CE_BATCH).message).toMatch(/events\[1\]/);
  });

  it('refuses content types it does not speak with 415', () => {
    expect(refusal(json([gridEvent]), 'text/plain').status).toBe(415);
  });
});
