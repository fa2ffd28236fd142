import type { Delivery } from '@newsdesk/local-platform/inbox';
import { submissionSummary, type FileSummary } from '../../contracts/submission-summary.js';
import { formatIssues } from '../../lib/settings/format-issues.js';

const MAX_LABELS = 5;
const MAX_TOPICS = 3;

/**
 * The one console line `npm start` prints per delivery the local inbox received: the submission, its status, its
 * files, what they show (the first labels: tags and objects; the most confident topics) and whether the signature verified.
 */
export function deliveryLine(delivery: Delivery): string {
  const trust = delivery.verified ? 'verified' : `NOT verified (${delivery.reason ?? 'no reason'}), answered ${delivery.status}`;
  const parsed = submissionSummary.safeParse(delivery.body);
  if (!parsed.success) {
    const why = formatIssues(parsed.error.issues.slice(0, 1));
    return `Inbox: delivery ${delivery.id ?? '(no webhook-id)'} is not a v1 submission summary (${why}); ${trust}`;
  }
  const summary = parsed.data;
  const labels = [...new Set(summary.files.flatMap(labelsOf))].slice(0, MAX_LABELS);
  const topics = summary.files
    .flatMap((f) => f.analysis?.topics ?? [])
    .sort((a, b) => b.confidence - a.confidence)
    .map((t) => t.name);
  return [
    `Inbox: ${summary.submissionId} ${summary.status}, ${filesText(summary.files)}`,
    `labels: ${labels.join(', ') || '-'}`,
    `topics: ${[...new Set(topics)].slice(0, MAX_TOPICS).join(', ') || '-'}`,
    ...duplicatesText(summary.files),
    trust,
  ].join('; ');
}

/** Files seen before, each with its nearest earlier copy: what an editor wants to know first. */
function duplicatesText(files: FileSummary[]): string[] {
  const seen = files.flatMap((f) => {
    const nearest = f.duplicates[0];
    if (!nearest) return [];
    const how = nearest.exact ? 'exact' : `${nearest.distance} bits`;
    return [`${f.name} = ${nearest.name} of ${nearest.submissionId} (${how})`];
  });
  return seen.length ? [`seen before: ${seen.join(', ')}`] : [];
}

function labelsOf(file: FileSummary): string[] {
  const analysis = file.analysis;
  if (!analysis) return [];
  // A video's labels (with time ranges) name what it shows over time; tags and objects come from single frames.
  const video = analysis.source === 'worker' && analysis.mediaType === 'video' ? analysis.labels.map((l) => l.name) : [];
  return [...video, ...analysis.tags, ...analysis.objects.map((o) => o.name)];
}

function filesText(files: FileSummary[]): string {
  const notDone = files.filter((f) => f.state !== 'completed').map((f) => f.state);
  const counts = [...new Set(notDone)].map((state) => `${notDone.filter((s) => s === state).length} ${state}`);
  return `${files.length} file${files.length === 1 ? '' : 's'}${counts.length ? ` (${counts.join(', ')})` : ''}`;
}
