import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { MULTIPART_MAX_BYTES } from '../../contracts/upload-method.js';

// POST /api/submissions is capped at what Azure's Functions front end accepts (ingest/submissions/post-submission-request-limit.test.ts);
// the same default applies on one machine, and the desk switches to upload sessions well below it.
describe('NEWSDESK_MAX_REQUEST_BYTES', () => {
  const base = {
    NEWSDESK_EVENTGRID_ENDPOINT: 'http://127.0.0.1:7072/api/events',
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    NEWSDESK_JOB_TOKEN_KEY: 'job-token-key-that-only-the-function-app-holds-0123456789',
    NEWSDESK_ADMIN_KEY: 'admin-key-0123456789-0123456789',
    NEWSDESK_MAILBOX_API_KEY: 'mailbox-key-0123456789-0123456789',
  };
  it("defaults to the 100 MB Azure's front end accepts, locally too, above the desk's switch to upload sessions", () => {
    expect(loadConfig(base).limits.maxRequestBytes).toBe(100 * 1024 * 1024);
    expect(MULTIPART_MAX_BYTES).toBeLessThan(loadConfig(base).limits.maxRequestBytes / 2);
    expect(loadConfig({ ...base, NEWSDESK_MAX_REQUEST_BYTES: '1000' }).limits.maxRequestBytes).toBe(1000);
  });
});
