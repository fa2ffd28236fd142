/** Why a video cannot be analysed. None of these improves on retry, so workers report `AnalysisFailed` at once. */
export type VideoRejectedCode = 'corrupt' | 'unsupported-format' | 'empty' | 'too-long' | 'pixel-limit' | 'no-video-stream';

export class VideoRejected extends Error {
  override readonly name = 'VideoRejected';
  /** The same bytes fail the same way every time: never retry. */
  readonly retryable = false as const;

  constructor(
    readonly code: VideoRejectedCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * ffmpeg or ffprobe itself failed: not found, killed by a signal, over its time limit, or exited with
 * an error we cannot pin on the file. `retryable` when another attempt may succeed (time limit, crash
 * under memory pressure, or a missing binary: on another worker); a refused command line will not.
 */
export class VideoToolFailed extends Error {
  override readonly name = 'VideoToolFailed';
  /** This worker cannot run the tool at all (missing, not executable): no file can succeed here, so it is not the file's fault. */
  readonly workerFault: boolean;

  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; workerFault?: boolean },
  ) {
    super(message, { cause: options?.cause });
    this.workerFault = options?.workerFault ?? false;
  }
}

/** "2 min 5 s", "17.1 s": the unit a person reading the failure reason expects. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`;
  const minutes = Math.floor(Math.round(seconds) / 60);
  const rest = Math.round(seconds) % 60;
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
