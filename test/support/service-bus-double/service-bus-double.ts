import type { AddressInfo, Server, Socket } from 'node:net';
import { once } from 'node:events';
import rhea, { type Connection, type EventContext, type Sender } from 'rhea';
import { answerCbs, answerManagement, type SharedAccessKey } from './management.js';
import { QueueEntity, type QueueSettings } from './queue-entity.js';
import { localAttach, PeekLockConsumers } from './peek-lock-consumers.js';

export interface ServiceBusDouble {
  /** What a namespace's connection string looks like, with the emulator flag that permits plain AMQP on a custom port. */
  connectionString: string;
  port: number;
  /** The queue's state (created on first use, as an emulator config would declare it). */
  queue(name: string): QueueEntity;
  stop(): Promise<void>;
}

const MANAGEMENT = '/$management';
const DEAD_LETTER = '/$deadletterqueue';

/**
 * A one-process AMQP 1.0 broker that answers the frames @azure/service-bus sends for a queue:
 * SASL, CBS put-token (SAS signatures checked), senders, peek-lock receivers (credit, drain, settlement), dead-letter
 * sub-queues, and the `$management` operations renew-lock and schedule-message.
 */
export async function startServiceBusDouble(
  settings: Partial<QueueSettings> = {},
  credentials: SharedAccessKey = { keyName: 'k', key: 'v' },
): Promise<ServiceBusDouble> {
  const full: QueueSettings = { lockDurationMs: 30_000, maxDeliveryCount: 10, duplicateDetectionWindowMs: 0, ...settings };
  const queues = new Map<string, QueueEntity>();
  const queue = (name: string) => {
    let entity = queues.get(name.toLowerCase());
    if (!entity) queues.set(name.toLowerCase(), (entity = new QueueEntity(name, full)));
    return entity;
  };
  /** `q`, `q/$DeadLetterQueue`, and the same with `/$management` (case-insensitive, as the service is). */
  const entityAt = (address: string): QueueEntity => {
    const path = address.replace(/^sb:\/\/[^/]+\//, '').replace(/\/\$management$/i, '');
    const dlq = path.toLowerCase().endsWith(DEAD_LETTER);
    const main = queue(dlq ? path.slice(0, -DEAD_LETTER.length) : path);
    return dlq ? main.deadLetters! : main;
  };

  const container = rhea.create_container({ id: 'service-bus-double', autoaccept: false, treat_modified_as_released: false });
  container.sasl_server_mechanisms.enable_anonymous();
  container.sasl_server_mechanisms.enable_plain(() => true);
  /** Per connection: the client's reply links ($cbs and $management) by name and target address. */
  const replyLinks = new WeakMap<Connection, Map<string, Sender>>();
  const replies = (connection: Connection) => {
    let map = replyLinks.get(connection);
    if (!map) replyLinks.set(connection, (map = new Map()));
    return map;
  };

  const consumers = new PeekLockConsumers(container);

  container.on('sender_open', (context: EventContext) => {
    const sender = context.sender!;
    const source = (sender.source as { address?: string } | undefined)?.address ?? '';
    sender.set_source({ address: source });
    sender.set_target(sender.target ?? {});
    if (source === '$cbs' || source.toLowerCase().endsWith(MANAGEMENT)) {
      replies(context.connection).set(sender.name, sender);
      const target = (sender.target as { address?: string } | undefined)?.address;
      if (target) replies(context.connection).set(target, sender);
      return;
    }
    consumers.add(sender, entityAt(source));
  });

  container.on('receiver_open', (context: EventContext) => {
    const receiver = context.receiver!;
    receiver.set_target(receiver.target ?? {});
    receiver.set_source(receiver.source ?? {});
    localAttach(receiver).max_message_size = 256 * 1024;
  });

  container.on('message', (context: EventContext) => {
    const receiver = context.receiver!;
    const delivery = context.delivery!;
    const message = context.message!;
    const target = (receiver.target as { address?: string } | undefined)?.address ?? '';
    if (target === '$cbs' || target.toLowerCase().endsWith(MANAGEMENT)) {
      delivery.accept();
      const answer = target === '$cbs' ? answerCbs(message, credentials) : answerManagement(entityAt(target), message);
      replies(context.connection).get(String(message.reply_to))?.send(answer);
      return;
    }
    if (delivery.format !== 0) return delivery.reject({ condition: 'amqp:not-implemented', description: 'Batches are not supported.' });
    entityAt(target).enqueue(message);
    delivery.accept();
  });

  container.on('error', () => {
    // A client that vanishes mid-link is not the double's failure.
  });

  const sockets = new Set<Socket>();
  const server: Server = container.listen({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connectionString: `Endpoint=sb://127.0.0.1:${port}/;SharedAccessKeyName=${credentials.keyName};SharedAccessKey=${credentials.key};UseDevelopmentEmulator=true`,
    queue,
    async stop() {
      consumers.stop();
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
