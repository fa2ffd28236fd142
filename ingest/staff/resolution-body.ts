import { z } from 'zod';
import { manualAnalysis, type ManualAnalysis } from '../../contracts/file-analysis.js';
import { MEDIA_TOPICS } from '../../contracts/media-topics.js';

const NAMES = new Map<string, string>(Object.values(MEDIA_TOPICS).map((t) => [t.code, t.label]));
const text = z.string().trim().min(1);

/**
 * What an editor sends to resolve a file: the analysis they supply (topics by IPTC Media Topic code from Newsdesk's
 * vocabulary, labels, a note), or the file failed with a reason.
 */
export const resolutionBody = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('analysed'),
    topics: z
      .array(z.string().refine((code) => NAMES.has(code), { message: 'not an IPTC Media Topic code of GET /api/staff/topics' }))
      .max(50)
      .default([]),
    labels: z.array(text.max(200)).max(100).default([]),
    note: text.max(4000).optional(),
  }),
  z.strictObject({ outcome: z.literal('failed'), reason: text.max(2000) }),
]);
export type ResolutionBody = z.output<typeof resolutionBody>;

/** The analysis the client receives for an editor's `analysed` resolution (`source: 'manual'`), as a worker's would arrive. */
export function manualAnalysisOf(body: Extract<ResolutionBody, { outcome: 'analysed' }>): ManualAnalysis {
  return manualAnalysis.parse({
    tags: [...new Set(body.labels)],
    topics: [...new Set(body.topics)].map((code) => ({ code, name: NAMES.get(code) })),
    note: body.note ?? null,
  });
}
