import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthLevel } from './http/keys.js';
import type { ExtensionContext } from './extension-context.js';
import { startEventGrid, type EventGridExtension } from './event-grid-extension.js';
import { serveEventGridWebhook } from './event-grid-webhook.js';
import { startTimers } from './timer-extension.js';

export interface Extensions {
  topics: { name: string; endpoint: string; key: string }[];
  /** Serves an extension route; false when the request is not for an extension. */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    segments: string[],
    authorize: (level: AuthLevel, systemKeyName?: string) => boolean,
  ): Promise<boolean>;
  stop(): Promise<void>;
}

/** Starts the trigger sources beside HTTP and durable: the local Event Grid topics and timers. */
export async function startExtensions(ctx: ExtensionContext): Promise<Extensions> {
  const timers = startTimers(ctx);
  const eventGrid: EventGridExtension | undefined = await startEventGrid(ctx).catch((error: unknown) => {
    timers.stop();
    throw error;
  });
  return {
    topics: eventGrid?.topics ?? [],
    async handle(req, res, url, segments, authorize) {
      if (segments[0] === 'runtime' && segments[1] === 'eventgrid' && segments[2] === 'topics' && eventGrid) {
        return eventGrid.handle(req, res, segments[3] ?? '');
      }
      if (segments[0] === 'runtime' && segments[1] === 'webhooks' && segments[2] === 'eventgrid') {
        if (!authorize('system', 'eventgrid_extension')) {
          res.writeHead(401).end();
          return true;
        }
        await serveEventGridWebhook(req, res, url, ctx);
        return true;
      }
      return false;
    },
    async stop() {
      timers.stop();
      await eventGrid?.stop();
    },
  };
}
