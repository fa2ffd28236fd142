import type { WorkerAnalysis } from '../../contracts/file-analysis.js';

type Content = Pick<WorkerAnalysis, 'classified' | 'caption' | 'tags' | 'objects' | 'people' | 'text' | 'topics' | 'safety'>;

/** The content fields of a file no classifier looked at (none is configured): empty, and said to be. */
export const UNCLASSIFIED: Content = {
  classified: false,
  caption: null,
  tags: [],
  objects: [],
  people: null,
  text: [],
  topics: [],
  safety: null,
};
