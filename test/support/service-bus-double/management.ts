import { createHmac } from 'node:crypto';
import rhea, { type Message } from 'rhea';
import { LockLostError, type QueueEntity } from './queue-entity.js';

// Operation names and body keys as @azure/service-bus sends them (core/managementClient.js).
const RENEW_LOCK = 'com.microsoft:renew-lock';
const SCHEDULE_MESSAGE = 'com.microsoft:schedule-message';
const PUT_TOKEN = 'put-token';
const SCHEDULED_ENQUEUE_TIME = 'x-opt-scheduled-enqueue-time';

/** A response the SDK's RequestResponseLink accepts: correlated by the request's message_id, status in application properties. */
function response(request: Message, status: number, description: string, body?: unknown, errorCondition?: string): Message {
  return {
    correlation_id: request.message_id,
    application_properties: {
      'status-code': status,
      'status-description': description,
      ...(errorCondition ? { 'error-condition': errorCondition } : {}),
    },
    body,
  } as Message;
}

export interface SharedAccessKey {
  keyName: string;
  key: string;
}

/** Checks a `SharedAccessSignature sr=…&sig=…&se=…&skn=…` token as Service Bus does: key name, expiry, HMAC. */
function validSas(token: unknown, credentials: SharedAccessKey): boolean {
  if (typeof token !== 'string' || !token.startsWith('SharedAccessSignature ')) return false;
  const fields = Object.fromEntries(
    token
      .slice(22)
      .split('&')
      .map((kv) => kv.split('=', 2) as [string, string]),
  );
  const { sr, sig, se, skn } = fields;
  if (!sr || !sig || !se || decodeURIComponent(skn ?? '') !== credentials.keyName) return false;
  if (Number(se) * 1000 < Date.now()) return false;
  const expected = createHmac('sha256', credentials.key).update(`${sr}\n${se}`).digest('base64');
  return decodeURIComponent(sig) === expected;
}

/** `$cbs`: the SDK puts a SAS token for each link before attaching it; a bad key gets 401 as from the service. */
export function answerCbs(request: Message, credentials: SharedAccessKey): Message {
  const operation = request.application_properties?.operation;
  if (operation !== PUT_TOKEN)
    return response(request, 400, `Unsupported $cbs operation '${operation}'.`, undefined, 'amqp:not-implemented');
  if (!validSas(request.body, credentials))
    return response(request, 401, 'InvalidSignature: the token has an invalid signature.', undefined, 'amqp:unauthorized-access');
  return response(request, 202, 'Accepted');
}

/** `<entity>/$management`: the request/response operations the JobQueue adapter needs. */
export function answerManagement(entity: QueueEntity, request: Message): Message {
  const operation = request.application_properties?.operation as string | undefined;
  const body = (request.body ?? {}) as Record<string, unknown>;
  try {
    switch (operation) {
      case RENEW_LOCK: {
        // Lock tokens arrive as AMQP uuids (16 bytes, RFC order) — the string the SDK shows.
        const tokens = (body['lock-tokens'] as Buffer[]).map((b) => rhea.uuid_to_string(b));
        return response(request, 200, 'OK', { expirations: tokens.map((t) => new Date(entity.renew(t))) });
      }
      case SCHEDULE_MESSAGE: {
        const entries = body.messages as { message: Buffer }[];
        const sequenceNumbers = entries.map(({ message: encoded }) => {
          const message = rhea.message.decode(encoded) as unknown as Message;
          const at = message.message_annotations?.[SCHEDULED_ENQUEUE_TIME] as Date | number | undefined;
          return entity.enqueue(message, at === undefined ? Date.now() : new Date(at).getTime()) ?? 0;
        });
        return response(request, 200, 'OK', { 'sequence-numbers': sequenceNumbers.map((n) => rhea.types.wrap_long(n)) });
      }
      default:
        return response(request, 501, `The double does not implement '${operation}'.`, undefined, 'amqp:not-implemented');
    }
  } catch (error) {
    if (error instanceof LockLostError) return response(request, 410, error.message, undefined, error.condition);
    return response(request, 500, String(error), undefined, 'amqp:internal-error');
  }
}
