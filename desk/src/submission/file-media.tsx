import { useState } from 'preact/hooks';
import type { FileAssets } from '../api/types.js';

/** A keyframe's time on the strip: `0:07.5`. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;

interface Props {
  name: string;
  kind: 'photo' | 'video';
  assets: FileAssets | undefined;
}

/**
 * What a file looks like: a photo's thumbnail, or a video's poster with its keyframes on a strip (each a button:
 * choosing one shows it large) and the contact sheet. Before a worker made any of those (an escalated file mostly has
 * none), the original itself: the photo as an image, the video in a player that fetches only its metadata until played.
 */
export function FileMedia({ name, kind, assets }: Props) {
  const keyframes = assets?.keyframes ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const frame = chosen === null ? undefined : keyframes[chosen];
  const derived = frame?.url ?? assets?.thumbnail1280 ?? assets?.poster ?? assets?.thumbnail320;
  const derivedAlt = frame
    ? `${name}, keyframe at ${clock(frame.time)}`
    : assets?.poster
      ? `Poster frame of ${name}`
      : `Thumbnail of ${name}`;
  const original = assets?.original;
  return (
    <div class="media">
      {derived ? (
        <img class="main-image" src={derived} alt={derivedAlt} />
      ) : original && kind === 'video' ? (
        <video class="main-image" src={original} controls preload="metadata" aria-label={`Video ${name}`} />
      ) : original ? (
        <img class="main-image" src={original} alt={`Original of ${name}`} />
      ) : (
        <p class="muted">No picture yet.</p>
      )}
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
      {(assets?.contactSheet || original) && (
        <p class="asset-links">
          {assets?.contactSheet && <a href={assets.contactSheet}>Contact sheet</a>}
          {original && <a href={original}>Original file</a>}
        </p>
      )}
    </div>
  );
}
