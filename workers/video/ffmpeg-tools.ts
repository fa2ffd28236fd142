import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { runTool } from './run-tool.js';

/** Which ffmpeg and ffprobe binaries the video analysis runs. */
export interface FfmpegTools {
  ffmpegPath: string;
  ffprobePath: string;
}

/** The `FFMPEG_PATH` / `FFPROBE_PATH` settings, read from the environment by the caller's config module. */
export interface FfmpegToolSettings {
  ffmpegPath?: string | undefined;
  ffprobePath?: string | undefined;
}

const require = createRequire(import.meta.url);

/**
 * The configured binaries, else the static builds the npm installers put in node_modules. A system
 * ffmpeg (Debian's 5.1) is newer and has CUDA, so a deployment points the settings at it; the npm
 * builds are what works with `npm install` alone. The installers are CommonJS and throw on a platform
 * they have no binary for, so each is only loaded when its setting is missing.
 */
export function resolveFfmpegTools(settings: FfmpegToolSettings): FfmpegTools {
  return {
    ffmpegPath: settings.ffmpegPath || (require('@ffmpeg-installer/ffmpeg') as { path: string }).path,
    ffprobePath: settings.ffprobePath || (require('@ffprobe-installer/ffprobe') as { path: string }).path,
  };
}

/** The methods listed by `ffmpeg -hide_banner -hwaccels` (a heading line, then one name per line). */
export function parseHwaccels(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^hardware acceleration methods:?$/i.test(line));
}

/**
 * True when `hwaccel: 'cuda'` can work here: an NVIDIA GPU is present (its device node, or
 * `nvidia-smi -L` succeeds where the node is elsewhere, e.g. WSL) and this ffmpeg was built with CUDA
 * (the npm static build is not). Run once at worker start; any failure means false.
 */
export async function detectGpu(tools: FfmpegTools, options: { timeoutMs?: number } = {}): Promise<boolean> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const [gpu, hwaccels] = await Promise.all([hasNvidiaGpu(timeoutMs), listHwaccels(tools, timeoutMs)]);
  return gpu && hwaccels.includes('cuda');
}

async function hasNvidiaGpu(timeoutMs: number): Promise<boolean> {
  try {
    await access('/dev/nvidia0');
    return true;
  } catch {
    // No device node here; the driver may still answer.
  }
  const result = await runTool('nvidia-smi', ['-L'], { timeoutMs }).catch(() => null);
  return result !== null && result.exitCode === 0 && /^GPU \d+:/m.test(result.stdout.toString());
}

async function listHwaccels(tools: FfmpegTools, timeoutMs: number): Promise<string[]> {
  const result = await runTool(tools.ffmpegPath, ['-hide_banner', '-hwaccels'], { timeoutMs }).catch(() => null);
  return result?.exitCode === 0 ? parseHwaccels(result.stdout.toString()) : [];
}
