import { z } from 'zod';
import { VideoRejected } from './errors.js';
import type { AudioStreamInfo, VideoMetadata, VideoStreamInfo } from './types.js';

/** The parts of `ffprobe -show_format -show_streams -of json` we read; ffprobe omits unknown values. */
const probeStream = z.object({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  profile: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  pix_fmt: z.string().optional(),
  sample_rate: z.string().optional(),
  channels: z.number().int().optional(),
  duration: z.string().optional(),
  nb_frames: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.object({ side_data_type: z.string().optional(), rotation: z.number().optional() })).optional(),
});
export const probeOutput = z.object({
  streams: z.array(probeStream).default([]),
  format: z.object({
    format_name: z.string(),
    duration: z.string().optional(),
    size: z.string().optional(),
    bit_rate: z.string().optional(),
  }),
});
export type ProbeOutput = z.infer<typeof probeOutput>;
type ProbeStream = z.infer<typeof probeStream>;

export interface ProbedVideo {
  metadata: VideoMetadata;
  /** ffmpeg's absolute index of the stream described by `metadata.video`, for `-map 0:<index>`. */
  videoStreamIndex: number;
  /** From the container's frame count, else duration × frame rate. */
  estimatedFrames: number;
}

/**
 * Metadata from ffprobe's JSON. The video stream is the first one that is not cover art (an MP3's
 * picture is a "video" stream too), the audio stream the first audio one — which need not come after
 * the video (the AVI fixture has audio first). Throws `VideoRejected` when there is no video or no duration.
 */
export function videoMetadata(probe: ProbeOutput): ProbedVideo {
  const video = probe.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video) {
    const audio = probe.streams.some((s) => s.codec_type === 'audio');
    throw new VideoRejected('no-video-stream', audio ? 'the file has audio but no video stream' : 'the file has no video stream');
  }
  const { width, height } = video;
  if (!width || !height) throw new VideoRejected('corrupt', `the ${video.codec_name ?? 'video'} stream has no picture size`);
  const durationSeconds = positive(probe.format.duration) ?? positive(video.duration);
  if (durationSeconds === null) throw new VideoRejected('corrupt', 'the container does not say how long the video is');

  const rotation = rotationOf(video);
  const sideways = Math.abs(rotation) === 90;
  const frameRate = rate(video.avg_frame_rate) ?? rate(video.r_frame_rate);
  const videoInfo: VideoStreamInfo = {
    codec: video.codec_name ?? 'unknown',
    profile: video.profile ?? null,
    width,
    height,
    displayWidth: sideways ? height : width,
    displayHeight: sideways ? width : height,
    rotation,
    frameRate,
    pixelFormat: video.pix_fmt ?? null,
  };
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  const audioInfo: AudioStreamInfo | null = audio
    ? { codec: audio.codec_name ?? 'unknown', sampleRate: positive(audio.sample_rate), channels: audio.channels ?? null }
    : null;
  return {
    metadata: {
      container: probe.format.format_name,
      durationSeconds,
      sizeBytes: positive(probe.format.size) ?? 0,
      bitRate: positive(probe.format.bit_rate),
      video: videoInfo,
      audio: audioInfo,
    },
    videoStreamIndex: video.index,
    estimatedFrames: positive(video.nb_frames) ?? Math.ceil(durationSeconds * (frameRate ?? 30)),
  };
}

/**
 * Degrees counter-clockwise in (-180, 180], from the display matrix (ffprobe 5+ reports it as side
 * data, e.g. -90) or else the legacy `rotate` tag, which counts clockwise (90 for the same clip).
 */
export function rotationOf(stream: Pick<ProbeStream, 'side_data_list' | 'tags'>): number {
  const matrix = stream.side_data_list?.find((side) => side.rotation !== undefined)?.rotation;
  const tag = stream.tags?.rotate !== undefined ? -Number(stream.tags.rotate) : undefined;
  const degrees = Math.round(matrix ?? (Number.isFinite(tag) ? (tag as number) : 0));
  const turned = ((degrees % 360) + 360) % 360;
  return turned > 180 ? turned - 360 : turned;
}

/** "30000/1001" → 29.97…; "0/0" and absent → null. */
export function rate(fraction: string | undefined): number | null {
  const match = /^(\d+)\/(\d+)$/.exec(fraction ?? '');
  if (!match) return null;
  const value = Number(match[1]) / Number(match[2]);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function positive(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}
