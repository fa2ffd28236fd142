import { open } from 'node:fs/promises';
import { sniffHeadBytes } from '../../lib/media/sniff-media.js';
import { VideoRejected, VideoToolFailed } from './errors.js';
import { firstComplaint } from './ffmpeg-log.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { runTool } from './run-tool.js';
import { ACCEPTED_DEMUXERS, sniffContainer } from './sniff-container.js';
import { probeOutput, videoMetadata } from './video-metadata.js';
import type { ProbedVideo } from './video-metadata.js';

export interface ProbeOptions {
  tools: FfmpegTools;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * One ffprobe run for container and stream metadata. Spawned directly rather than through
 * fluent-ffmpeg's `ffprobe()`: that one cannot be killed or timed out, and it parses ffprobe's flat
 * text output, where the display-matrix side data (the rotation) is folded into the stream's keys.
 */
export async function probeVideo(filePath: string, options: ProbeOptions): Promise<ProbedVideo> {
  const head = await readHead(filePath);
  if (head.length === 0) throw new VideoRejected('empty', 'the file is empty (0 bytes)');

  const args = ['-hide_banner', '-v', 'error', '-protocol_whitelist', 'file', '-format_whitelist', ACCEPTED_DEMUXERS];
  args.push('-show_format', '-show_streams', '-of', 'json', `file:${filePath}`);
  const result = await runTool(options.tools.ffprobePath, args, { timeoutMs: options.timeoutMs, signal: options.signal });
  if (result.exitCode !== 0) throw probeFailure(result.stderr, head);

  let json: unknown;
  try {
    json = JSON.parse(result.stdout.toString('utf8'));
  } catch (error) {
    throw new VideoToolFailed(`ffprobe printed no JSON: ${firstComplaint(result.stderr) || 'no error given'}`, false, { cause: error });
  }
  const parsed = probeOutput.safeParse(json);
  if (!parsed.success) throw new VideoToolFailed(`ffprobe JSON not as expected: ${parsed.error.message}`, false);
  return videoMetadata(parsed.data);
}

async function readHead(filePath: string): Promise<Buffer> {
  const file = await open(filePath, 'r');
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(sniffHeadBytes), position: 0 });
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function probeFailure(stderr: string, head: Buffer): VideoRejected {
  const notAccepted = /\[(\w+) @ [^\]]*\] Format not on whitelist/.exec(stderr);
  if (notAccepted) {
    const format = (notAccepted[1] ?? 'this format').replace(/_pipe$/, '');
    return new VideoRejected('unsupported-format', `${format} is not an accepted video container (MP4/MOV, Matroska/WebM, AVI, MPEG-TS)`);
  }
  const container = sniffContainer(head);
  const reason = firstComplaint(stderr) || 'ffprobe cannot read it';
  // ffprobe picks the demuxer by extension, so a text file named .mp4 fails like a truncated MP4 does.
  if (!container) return new VideoRejected('unsupported-format', 'not a recognised video format');
  return new VideoRejected('corrupt', `${container} file is damaged or truncated: ${reason}`);
}
