import type { ImageAnalysisResult } from '../../contracts/classification.js';
import { labelsOf, type LabelThresholds } from './frame-labels.js';
import { textLinesOf } from './text-lines.js';
import { formatVideoIndexerTime } from './video-indexer-time.js';

export interface ClassifiedFrame {
  timestampSeconds: number;
  result: ImageAnalysisResult;
}

/** A stretch of the time line, in Video Indexer's time format, with the seconds kept for arithmetic. */
export interface TimeRange {
  start: string;
  end: string;
  startSeconds: number;
  endSeconds: number;
  /** Best confidence over the keyframes in this stretch. */
  confidence: number;
}

export interface VideoLabel {
  /** 1-based, in the order of the list, as Video Indexer numbers its insights. */
  id: number;
  name: string;
  /** Best over all keyframes. */
  confidence: number;
  instances: TimeRange[];
}

export interface VideoText {
  id: number;
  text: string;
  confidence: number;
  instances: TimeRange[];
}

export interface MergeOptions extends LabelThresholds {
  /** Read lines below this mean word confidence are left out. Default 0.5. */
  minTextConfidence?: number;
}

/**
 * Per-keyframe classifications → a video's labels and on-screen text as Video Indexer reports them. A label seen in
 * consecutive keyframes is one instance, from its first keyframe to the keyframe after its last (what we know is that
 * it was gone by then), or to the end of the video after the last keyframe. Lists are in order of first appearance.
 */
export function mergeFrameLabels(
  frames: readonly ClassifiedFrame[],
  durationSeconds: number,
  options: MergeOptions = {},
): { labels: VideoLabel[]; ocr: VideoText[] } {
  const sorted = [...frames].sort((a, b) => a.timestampSeconds - b.timestampSeconds);
  const endOf = (index: number) => sorted[index + 1]?.timestampSeconds ?? Math.max(durationSeconds, sorted[index]!.timestampSeconds);

  const labelTracks = new Tracks();
  const textTracks = new Tracks();
  sorted.forEach((frame, index) => {
    for (const [name, confidence] of labelsOf(frame.result, options)) labelTracks.see(name, index, confidence);
    for (const line of textLinesOf(frame.result, options.minTextConfidence)) textTracks.see(line.text, index, line.confidence);
  });

  const timeLine = (runs: Run[]): TimeRange[] =>
    runs.map((run) => {
      const startSeconds = sorted[run.first]!.timestampSeconds;
      const endSeconds = endOf(run.last);
      return {
        start: formatVideoIndexerTime(startSeconds),
        end: formatVideoIndexerTime(endSeconds),
        startSeconds,
        endSeconds,
        confidence: run.confidence,
      };
    });
  return {
    labels: labelTracks.ordered().map(([name, runs], i) => ({ id: i + 1, name, confidence: best(runs), instances: timeLine(runs) })),
    ocr: textTracks.ordered().map(([text, runs], i) => ({ id: i + 1, text, confidence: best(runs), instances: timeLine(runs) })),
  };
}

interface Run {
  first: number;
  last: number;
  confidence: number;
}

/** Per key, runs of consecutive frame indices it was seen in. */
class Tracks {
  private readonly runs = new Map<string, Run[]>();

  see(key: string, index: number, confidence: number): void {
    const runs = this.runs.get(key) ?? [];
    this.runs.set(key, runs);
    const current = runs.at(-1);
    // Frames come in order, so the latest run either reaches this frame (or the one before) or a new run starts.
    if (current && current.last >= index - 1) {
      current.last = index;
      current.confidence = Math.max(current.confidence, confidence);
    } else {
      runs.push({ first: index, last: index, confidence });
    }
  }

  /** By first appearance, then best confidence, then name: a stable order for the same frames. */
  ordered(): [string, Run[]][] {
    return [...this.runs].sort(([a, ra], [b, rb]) => ra[0]!.first - rb[0]!.first || best(rb) - best(ra) || a.localeCompare(b));
  }
}

const best = (runs: readonly { confidence: number }[]) => Math.max(...runs.map((r) => r.confidence));
