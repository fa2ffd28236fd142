import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SUMMARY_SCHEMA_FILE, summaryJsonSchema } from './summary-json-schema.js';

describe('the published JSON Schema of the submission summary', () => {
  it('is the committed copy in docs/schemas (`npm run schemas` rewrites it after a change to the zod schema)', async () => {
    await expect(`${JSON.stringify(summaryJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(`../docs/schemas/${SUMMARY_SCHEMA_FILE}`);
  });

  it('names its version and its parts, and leaves objects open to fields added within the version', () => {
    const schema = summaryJsonSchema();
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://newsdesk.dev/schemas/submission-summary.v1.json',
      properties: { schemaVersion: { const: 1 } },
    });
    expect(Object.keys(schema.$defs as object)).toEqual(
      expect.arrayContaining(['File', 'PhotoAnalysis', 'VideoAnalysis', 'ManualAnalysis', 'Topic', 'Duplicate', 'FileLinks']),
    );
    expect(JSON.stringify(schema)).not.toContain('additionalProperties');
    // A receiver built from the JSON Schema alone accepts a field it does not know yet.
    const validator = z.fromJSONSchema(schema as never);
    const summary = {
      schemaVersion: 1,
      submissionId: 's1',
      clientId: 'c1',
      reference: null,
      status: 'cancelled',
      receivedAt: '2026-01-01T00:00:00.000Z',
      completedAt: '2026-01-01T00:00:05.000Z',
      files: [
        {
          fileId: 'f1',
          name: 'a.jpg',
          contentType: 'image/jpeg',
          size: 1,
          sha256: 'a'.repeat(64),
          state: 'failed',
          escalated: false,
          reason: 'cancelled by the client',
          analysis: null,
          duplicates: [],
          links: {},
        },
      ],
      links: { submission: 'http://127.0.0.1:7071/api/submissions/s1' },
    };
    expect(validator.safeParse({ ...summary, addedLater: true }).success).toBe(true);
    expect(validator.safeParse({ ...summary, schemaVersion: 2 }).success).toBe(false);
  });
});
