import { useState } from 'preact/hooks';
import type { FileAssets } from '../api/types.js';

/** A keyframe's time on the strip: `0:07.5`. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;

/**
 * What a file looks like: a photo's thumbnail, or a video's poster with its keyframes on a strip (each a button:
 * choosing one shows it large) and the contact sheet. Nothing but a note when no picture was made.
 */
export function FileMedia({ name, assets }: { name: string; assets: FileAssets | undefined }) {
  const keyframes = assets?.keyframes ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const frame = chosen === null ? undefined : keyframes[chosen];
  const main = frame?.url ?? assets?.thumbnail1280 ?? assets?.poster ?? assets?.thumbnail320;
  const mainAlt = frame ? `${name}, keyframe at ${clock(frame.time)}` : assets?.poster ? `Poster frame of ${name}` : `Thumbnail of ${name}`;
  return (
    <div class="media">
      {main ? <img class="main-image" src={main} alt={mainAlt} /> : <p class="muted">No picture yet.</p>}
      {keyframes.length > 0 && (
        <ul class="strip" aria-label={`Keyframes of ${name}`}>
          {keyframes.map((k, i) => (
            <li key={k.url}>
              <button type="button" aria-pressed={chosen === i} onClick={() => setChosen(chosen === i ? null : i)}>
                <img src={k.url} alt="" loading="lazy" />
                <span>Keyframe at {clock(k.time)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="asset-links">
        {assets?.contactSheet && <a href={assets.contactSheet}>Contact sheet</a>}
        {assets?.original && <a href={assets.original}>Original file</a>}
      </p>
    </div>
  );
}
