import type { SubmissionView } from './http/submission-view.js';

/** A submission for people: one line for it, one per file with its state and, once analysed, its first labels. */
export function printView(view: SubmissionView): string {
  const head = `${view.submissionId}  ${view.status}  ${view.progress.done}/${view.progress.total} files${view.reference ? `  (${view.reference})` : ''}`;
  const lines = view.files.map((file) => {
    const tags = file.analysis && 'tags' in file.analysis ? file.analysis.tags.slice(0, 5) : [];
    const labels = file.analysis && 'labels' in file.analysis ? file.analysis.labels.slice(0, 5).map((l) => l.name) : [];
    // A video has both: its tags overall and its labels over time, which often name the same things.
    const names = [...new Set([...tags, ...labels])];
    const why = file.reason ? `  ${file.reason}` : '';
    return `  ${file.fileId}  ${file.name}  ${file.state}${why}${names.length ? `  [${names.join(', ')}]` : ''}`;
  });
  return [head, ...lines].join('\n') + '\n';
}
