import type { FileFacets, FileStateRecord, SubmissionRecord, SubmissionStatus } from './ingest-store.js';

/** How many labels a file keeps for the desk's filter: the classifier's strongest come first. */
const MAX_LABELS = 30;
const FINAL = new Set<FileStateRecord['state']>(['completed', 'failed', 'timed-out']);
const unique = (values: (string | null | undefined)[]): string[] => [...new Set(values.filter((v): v is string => !!v))];

/** A newly recorded file state, keeping the first time of each state the earlier writes recorded. */
export function withFirstTimes(next: FileStateRecord, previous: FileStateRecord | undefined): FileStateRecord {
  const since = { ...next.since, ...previous?.since };
  since[next.state] ??= next.updatedAt;
  return { ...next, since };
}

/** One file's facets from its recorded state: an analysis adds its topics, labels and byline. */
export function fileFacetsOf(state: FileStateRecord, previous: FileFacets | undefined): FileFacets {
  const a = state.state === 'completed' ? state.analysis : undefined;
  const videoLabels = a?.source === 'worker' && a.mediaType === 'video' ? a.labels.map((l) => l.name) : [];
  return {
    state: state.state,
    escalated: state.escalated ?? previous?.escalated ?? false,
    topics: unique(a?.topics.map((t) => t.name) ?? []),
    labels: unique([...(a?.tags ?? []), ...videoLabels]).slice(0, MAX_LABELS),
    bylines: a?.source === 'worker' && a.mediaType === 'photo' ? unique([a.byline, a.credit]) : [],
    duplicate: previous?.duplicate ?? false,
  };
}

/** The submission with a file's facets replaced by those of its new state. */
export function withFileFacets(record: SubmissionRecord, state: FileStateRecord, now: string): SubmissionRecord {
  const facets = { ...record.facets, [state.fileId]: fileFacetsOf(state, record.facets?.[state.fileId]) };
  return { ...record, facets, updatedAt: now };
}

/** The submission with `fileIds` marked as duplicates; a file with no state yet gets facets that say only that. */
export function withDuplicates(record: SubmissionRecord, fileIds: string[], now: string): SubmissionRecord {
  const facets = { ...record.facets };
  for (const fileId of fileIds) {
    const current = facets[fileId] ?? { state: 'completed', escalated: false, topics: [], labels: [], bylines: [], duplicate: false };
    facets[fileId] = { ...current, duplicate: true };
  }
  return { ...record, facets, updatedAt: now };
}

/** The submission with a patch applied, recording the first time each status was set. */
export function withPatch(
  record: SubmissionRecord,
  patch: Partial<Pick<SubmissionRecord, 'status' | 'published'>>,
  now: string,
): SubmissionRecord {
  const statusSince: Partial<Record<SubmissionStatus, string>> = { ...record.statusSince };
  if (patch.status) statusSince[patch.status] ??= now;
  return { ...record, ...patch, statusSince, updatedAt: now };
}

/** Whether a file's facets say its analysis ended. */
export const isFinal = (facets: FileFacets): boolean => FINAL.has(facets.state);

/** Newest first: the key orders a later receivedAt before an earlier one. */
export const newestFirst = (iso: string): string => String(9_999_999_999_999 - Date.parse(iso)).padStart(13, '0');

/** The position of a submission in the all-clients listing; a page's cursor is its last one's. */
export const listingKeyOf = (record: Pick<SubmissionRecord, 'receivedAt' | 'submissionId'>): string =>
  `${newestFirst(record.receivedAt)}_${record.submissionId}`;

/** Whether a text is a cursor listAllSubmissions handed out (checked before it reaches a query). */
export const isListingCursor = (text: string): boolean => /^\d{13}_[A-Za-z0-9_-]{1,100}$/.test(text);
