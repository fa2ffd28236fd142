import type { MediaTopic } from '../../contracts/classification.js';
import type { PhotoResult, VideoResult } from '../../contracts/analysis-result.js';
import type { DerivedFile } from './write-results.js';

type Common = 'schemaVersion' | 'jobId' | 'submissionId' | 'fileId' | 'contentType' | 'topics' | 'timings' | 'worker';

/** What analysing one file produced, before anything is written: the media-specific part of the result and its derived files. */
export interface MediaOutcome {
  part: Omit<PhotoResult, Common> | Omit<VideoResult, Common>;
  files: DerivedFile[];
  topics: MediaTopic[];
  /** Milliseconds per stage (download, media, classify). */
  timings: Record<string, number>;
}
