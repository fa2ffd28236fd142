import type { ComponentChildren } from 'preact';
import type { FileAnalysis } from '../../../contracts/file-analysis.js';
import { formatDuration } from '../shared/format-duration.js';
import { mapLink } from './map-link.js';

const Fact = ({ term, children }: { term: string; children: ComponentChildren }) => (
  <>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </>
);

/** What the file says about itself: a photo's byline, caption, capture time and place; a video's format. */
export function FileFacts({ analysis }: { analysis: FileAnalysis | null }) {
  if (analysis?.source !== 'worker') return null;
  if (analysis.mediaType === 'video') {
    return (
      <dl class="facts">
        <Fact term="Duration">{formatDuration(analysis.durationSeconds * 1000)}</Fact>
        <Fact term="Format">
          {analysis.container}, {analysis.codecs.video}
          {analysis.codecs.audio ? ` + ${analysis.codecs.audio}` : ', no audio'}
        </Fact>
        <Fact term="Picture">
          {analysis.displayed.width}×{analysis.displayed.height}
          {analysis.frameRate ? ` at ${analysis.frameRate.toFixed(2)} fps` : ''}
        </Fact>
        <Fact term="Keyframes">{analysis.keyframeCount}</Fact>
      </dl>
    );
  }
  const camera = [analysis.camera?.make, analysis.camera?.model].filter(Boolean).join(' ');
  const place = [analysis.city, analysis.country].filter(Boolean).join(', ');
  return (
    <dl class="facts">
      <Fact term="Byline">{analysis.byline ?? '—'}</Fact>
      {analysis.credit && <Fact term="Credit">{analysis.credit}</Fact>}
      {analysis.headline && <Fact term="Headline">{analysis.headline}</Fact>}
      <Fact term="Caption">{analysis.description ?? '—'}</Fact>
      <Fact term="Captured">{analysis.capturedAt ?? '—'}</Fact>
      <Fact term="Place">
        {place || (analysis.gps ? '' : '—')}
        {analysis.gps && (
          <>
            {place && ' · '}
            {analysis.gps.lat.toFixed(5)}, {analysis.gps.lon.toFixed(5)}{' '}
            <a href={mapLink(analysis.gps.lat, analysis.gps.lon)} target="_blank" rel="noopener noreferrer">
              Map (OpenStreetMap)
            </a>
          </>
        )}
      </Fact>
      {camera && <Fact term="Camera">{camera}</Fact>}
      <Fact term="Size">
        {analysis.width}×{analysis.height} {analysis.format}
      </Fact>
      {analysis.keywords.length > 0 && <Fact term="Keywords">{analysis.keywords.join(', ')}</Fact>}
    </dl>
  );
}
