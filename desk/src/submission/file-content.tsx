import type { FileAnalysis } from '../../../contracts/file-analysis.js';
import { StatusBadge } from '../shared/status-badge.js';

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

/** What is in the picture: topics and labels with their confidence, the classifier's caption, text read, safety. */
export function FileContent({ analysis }: { analysis: FileAnalysis | null }) {
  if (!analysis) return null;
  const video = analysis.source === 'worker' && analysis.mediaType === 'video' ? analysis : undefined;
  const ocr = video ? video.ocr.map((o) => `${o.text} (${percent(o.confidence)})`) : analysis.text;
  return (
    <div class="content">
      {analysis.source === 'manual' && <p class="muted">Analysis supplied by an editor.</p>}
      {analysis.source === 'worker' && !analysis.classified && <p class="muted">No classifier was configured for this file.</p>}
      {analysis.caption && <p class="caption">“{analysis.caption}”</p>}
      <h3>Topics</h3>
      {analysis.topics.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="chips">
          {analysis.topics.map((t) => (
            <li key={t.code}>
              {t.name} <span class="muted">{percent(t.confidence)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Labels</h3>
      {video && video.labels.length > 0 ? (
        <ul class="chips">
          {video.labels.map((l) => (
            <li key={l.name}>
              {l.name} <span class="muted">{percent(l.confidence)}</span>
            </li>
          ))}
        </ul>
      ) : analysis.tags.length > 0 ? (
        <ul class="chips">
          {analysis.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">None.</p>
      )}
      {analysis.objects.length > 0 && (
        <p>
          Objects: {analysis.objects.map((o) => (o.count > 1 ? `${o.name} ×${o.count}` : o.name)).join(', ')}
          {analysis.people !== null && ` · People: ${analysis.people}`}
        </p>
      )}
      <h3>Text in the picture</h3>
      {ocr.length > 0 ? <pre class="ocr">{ocr.join('\n')}</pre> : <p class="muted">None found.</p>}
      <h3>Safety</h3>
      {analysis.safety ? (
        <p>
          <StatusBadge status={analysis.safety.verdict} /> adult {percent(analysis.safety.adultScore)}, racy{' '}
          {percent(analysis.safety.racyScore)}
        </p>
      ) : (
        <p class="muted">No verdict.</p>
      )}
      {analysis.source === 'manual' && analysis.note && (
        <>
          <h3>Editor's note</h3>
          <p>{analysis.note}</p>
        </>
      )}
    </div>
  );
}
