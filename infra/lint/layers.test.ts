import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import { layersRule } from './layers-rule.js';
import { localPlatformRule } from './local-platform-rule.js';

// RuleTester runs its cases through these hooks; its typings omit the static slots it reads them from.
Object.assign(RuleTester, { afterAll });
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it;

// Paths only: the rules never read the files, so a root that does not exist keeps the cases independent of the tree.
const root = '/repo';
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const at = (file: string, code: string) => ({ code, filename: `${root}/${file}`, options: [{ root }] });
const refused = (file: string, code: string, message: RegExp | string) => ({
  ...at(file, code),
  errors: [{ message }],
});

tester.run('newsdesk/layers', layersRule, {
  valid: [
    // Down the layers, and within a folder.
    at('lib/net/fetch.ts', "import { FileId } from '../../contracts/ids.js';"),
    at('adapters/blob-store/azure.ts', "import { retry } from '../../lib/resilience/retry.js';"),
    at('orchestrator/activities/a.ts', "import { AzureBlobStore } from '../../adapters/blob-store/azure.js';"),
    at('workers/job/process-job.ts', "import { open } from './open.js';\nimport { x } from '../video/x.js';"),
    at('app/index.ts', "import { submit } from '../ingest/submit.js';\nimport { start } from '../orchestrator/start.js';"),
    at('infra/azure/names.ts', "import { loadConfig } from '../../app/config.js';"),
    at('desk/main.ts', "import type { Summary } from '../contracts/summary.js';"),
    at('desk/src/topics.ts', "import topics from '../../contracts/media-topics.json';\nimport { h } from 'preact';"),
    // bench/ and test/ sit on top.
    at('test/integration/a.test.ts', "import { x } from '../../workers/x.js';\nimport { y } from '../../bench/y.js';"),
    at('bench/run.ts', "import { fixture } from '../test/support/fixture.js';"),
    // Tests beside the code may use the shared test support.
    at('lib/net/fetch.test.ts', "import { fixture } from '../../test/support/fixture.js';"),
    at('adapters/job-queue/job-queue.contract.ts', "import { until } from '../../test/support/until.js';"),
    // Packages, and files outside the layers, are not this rule's business.
    at('contracts/job.ts', "import { z } from 'zod';"),
    at('ingest/deps.ts', "import pkg from '../package.json' with { type: 'json' };"),
    at('vitest.config.ts', "import { x } from './workers/x.js';"),
  ],
  invalid: [
    // Upward.
    refused(
      'lib/net/fetch.ts',
      "import { HttpError } from '../../ingest/http/http-error.js';",
      'lib/ may not import ingest/, a higher layer: lib/ may import only contracts/. Move what both need down, or pass it in.',
    ),
    refused(
      'adapters/classifier/c.ts',
      "import { retry } from '../../orchestrator/webhooks/backoff.js';",
      /adapters\/ may not import orchestrator\/, a higher layer: adapters\/ may import only contracts\/, lib\//,
    ),
    refused('contracts/job.ts', "import { x } from '../lib/x.js';", /contracts\/ may import nothing of ours/),
    refused(
      'workers/config.ts',
      "import { durationSetting } from '../app/duration-setting.js';",
      /workers\/ may not import app\/, a higher layer/,
    ),
    // Sideways, between the feature folders.
    refused(
      'orchestrator/webhooks/resolve-target.ts',
      "import { checkWebhookUrl } from '../../ingest/security/webhook-url.js';",
      'orchestrator/ may not import ingest/: move what both need to contracts/ or lib/.',
    ),
    refused(
      'workers/job/x.ts',
      "import { decodeImage } from '../../classifier/image/decode-image.js';",
      /workers\/ may not import classifier\//,
    ),
    // A type is a dependency too: it ties the two folders' releases together.
    refused('ingest/deps.ts', "import type { AppConfig } from '../app/config.js';", /ingest\/ may not import app\//),
    refused('ingest/a.ts', "export type { Status } from '../orchestrator/status.js';", /ingest\/ may not import orchestrator\//),
    refused('ingest/a.ts', "type S = import('../orchestrator/status.js').Status;", /ingest\/ may not import orchestrator\//),
    refused('ingest/a.ts', "export * from '../classifier/x.js';", /ingest\/ may not import classifier\//),
    refused('ingest/a.ts', "const m = await import('../workers/x.js');", /ingest\/ may not import workers\//),
    // Tests obey their folder's layer.
    refused(
      'orchestrator/webhooks/resolve-target.test.ts',
      "import { x } from '../../ingest/security/allow-list.js';",
      /orchestrator\/ may not import ingest\//,
    ),
    // The desk runs in the browser: of ours, only contracts/, though its layer would allow more.
    refused(
      'desk/src/api.ts',
      "import { retry } from '../../lib/resilience/retry.js';",
      'desk/ may not import lib/: desk/ may import only contracts/ (it runs in the browser) and packages.',
    ),
    refused('desk/src/a.tsx', "import type { Deps } from '../../ingest/deps.js';", /desk\/ may not import ingest\//),
    refused('desk/src/a.test.ts', "import { x } from '../../test/support/x.js';", /desk\/ may not import test\//),
    // Shipped code never imports tests.
    refused(
      'app/index.ts',
      "import { fixture } from '../test/support/fixture.js';",
      /app\/ may not import test\/: shipped code never depends on test or bench code/,
    ),
    refused('lib/x.ts', "import { run } from '../bench/run.js';", /lib\/ may not import bench\//),
  ],
});

tester.run('newsdesk/local-platform', localPlatformRule, {
  valid: [
    at('infra/azure/a.ts', "import { startHost } from '../local/host/host.js';"),
    at('test/support/stack.ts', "import { startHost } from '@newsdesk/local-platform';"),
    at('bench/durable.ts', "import { engine } from '@newsdesk/local-platform/durable';"),
    at('ingest/a.ts', "import { x } from '@newsdesk/local-platformer';"),
  ],
  invalid: [
    refused(
      'app/index.ts',
      "import { startHost } from '../infra/local/host/host.js';",
      /^app\/index\.ts must not import infra\/local \(the local platform\): the app does not know where it runs\. Only infra\/, test\/, bench\/ may\.$/,
    ),
    refused('ingest/a.ts', "import type { Host } from '@newsdesk/local-platform';", /must not import @newsdesk\/local-platform/),
    refused('workers/a.ts', "import { d } from '@newsdesk/local-platform/durable';", /must not import @newsdesk\/local-platform/),
  ],
});
