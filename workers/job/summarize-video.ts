import type { VideoResult } from '../../contracts/analysis-result.js';
import type { Safety, VideoAnalysis } from '../../contracts/file-analysis.js';
import { summarizeImage, type ImageSummary, type SummaryOptions } from '../classification/summarize-image.js';
import { UNCLASSIFIED } from './unclassified.js';

const SEVERITY: Record<Safety['verdict'], number> = { safe: 0, suggestive: 1, explicit: 2 };

/**
 * A video's analysis for the client: its streams, and what the classifier saw over its keyframes. Labels and on-screen
 * text keep their time ranges; the photo-like fields say what the video shows anywhere: its most confident labels as
 * tags, each object and the people at the most any one keyframe shows, and the gravest safety verdict of any keyframe.
 */
export function summarizeVideo(result: VideoResult, topics: VideoAnalysis['topics'], options: SummaryOptions = {}): VideoAnalysis {
  const { metadata: m, classification: c } = result;
  const ranges = (instances: { startSeconds: number; endSeconds: number }[]) =>
    instances.map(({ startSeconds, endSeconds }) => ({ startSeconds, endSeconds }));
  const frames = c?.frames.map((f) => summarizeImage(f.result, options)) ?? [];
  return {
    source: 'worker',
    mediaType: 'video',
    perceptualHash: result.perceptualHash,
    durationSeconds: m.durationSeconds,
    container: m.container,
    codecs: { video: m.video.codec, audio: m.audio?.codec ?? null },
    stored: { width: m.video.width, height: m.video.height },
    displayed: { width: m.video.displayWidth, height: m.video.displayHeight },
    frameRate: m.video.frameRate,
    hasAudio: m.audio !== null,
    keyframeCount: result.keyframes.length,
    labels: (c?.labels ?? []).map((l) => ({ name: l.name, confidence: l.confidence, ranges: ranges(l.instances) })),
    ocr: (c?.ocr ?? []).map((o) => ({ text: o.text, confidence: o.confidence, ranges: ranges(o.instances) })),
    ...(c
      ? {
          classified: true,
          caption: bestCaption(c.frames.map((f) => f.result.captionResult)),
          tags: [...c.labels]
            .sort((a, b) => b.confidence - a.confidence)
            .slice(0, options.maxTags ?? 10)
            .map((l) => l.name),
          objects: mostAtOnce(frames),
          people: Math.max(0, ...frames.map((f) => f.people)),
          text: c.ocr.map((o) => o.text),
          topics,
          safety: gravest(frames),
        }
      : UNCLASSIFIED),
  };
}

function bestCaption(captions: ({ text: string; confidence: number } | undefined)[]): string | null {
  const best = captions.reduce((a, b) => (b && b.text.trim() && (!a || b.confidence > a.confidence) ? b : a), undefined);
  return best?.text.trim() ?? null;
}

/** Each object at the highest count one keyframe shows (three cars in one shot, not every car of the clip added up). */
function mostAtOnce(frames: ImageSummary[]): ImageSummary['objects'] {
  const most = new Map<string, number>();
  for (const { name, count } of frames.flatMap((f) => f.objects)) most.set(name, Math.max(count, most.get(name) ?? 0));
  return [...most].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function gravest(frames: ImageSummary[]): Safety | null {
  const verdicts = frames.map((f) => f.safety).filter((s): s is Safety => s !== null);
  if (verdicts.length === 0) return null;
  return verdicts.reduce((a, b) =>
    SEVERITY[b.verdict] > SEVERITY[a.verdict] || (b.verdict === a.verdict && b.adultScore > a.adultScore) ? b : a,
  );
}
