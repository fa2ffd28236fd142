import { z } from 'zod';
import { duplicate, fileSummary, SUMMARY_SCHEMA_VERSION, submissionSummary } from './submission-summary.js';
import { manualAnalysis, photoAnalysis, safety, summaryTopic, videoAnalysis } from './file-analysis.js';
import { fileLinks } from './links.js';

/** Where the schema is published (`GET /api/schemas/…`) and committed (`docs/schemas/…`). */
export const SUMMARY_SCHEMA_FILE = `submission-summary.v${SUMMARY_SCHEMA_VERSION}.json`;

/** The parts that get a name under `$defs`, for readers and code generators. */
const named: [z.ZodType, string][] = [
  [fileSummary, 'File'],
  [photoAnalysis, 'PhotoAnalysis'],
  [videoAnalysis, 'VideoAnalysis'],
  [manualAnalysis, 'ManualAnalysis'],
  [summaryTopic, 'Topic'],
  [safety, 'Safety'],
  [duplicate, 'Duplicate'],
  [fileLinks, 'FileLinks'],
];

/**
 * The summary as JSON Schema (draft 2020-12), generated from the zod schema so the two cannot drift. Objects stay
 * open (no `additionalProperties: false`): fields added within a version must not fail a receiver that validates.
 */
export function summaryJsonSchema(): Record<string, unknown> {
  const ids = z.registry<{ id: string }>();
  for (const [schema, id] of named) ids.add(schema, { id });
  const { $schema, ...schema } = z.toJSONSchema(submissionSummary, {
    target: 'draft-2020-12',
    metadata: ids,
    override: ({ jsonSchema }) => {
      delete jsonSchema.additionalProperties;
    },
  });
  return {
    $schema,
    $id: `https://newsdesk.dev/schemas/${SUMMARY_SCHEMA_FILE}`,
    title: `Newsdesk submission summary, version ${SUMMARY_SCHEMA_VERSION}`,
    ...schema,
  };
}
