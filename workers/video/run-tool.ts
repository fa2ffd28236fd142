import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { VideoToolFailed } from './errors.js';

/**
 * ffmpeg can log a line per damaged frame. The first lines name the cause and the last ones what
 * ended the run, so that much of each end is kept.
 */
const STDERR_KEEP_CHARS = 8 * 1024;

export interface RunToolOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Receives stdout as it arrives (then `stdout` in the result is empty); without it stdout is collected. */
  onStdout?: (chunk: Buffer) => void;
  /** Extra output pipes: the command writes to `pipe:3`, `pipe:4`, …; chunks of fd 3 + i go to handler i. */
  extraPipes?: ReadonlyArray<(chunk: Buffer) => void>;
}

export interface ToolResult {
  exitCode: number;
  stdout: Buffer;
  /** The first and last 8 K characters, with "…" between them when more was written. */
  stderr: string;
}

/**
 * Runs ffmpeg or ffprobe to completion and returns its exit code and output; a non-zero exit is the
 * caller's to interpret. On a timeout, an abort or a handler that throws, the process is SIGKILLed
 * (ffmpeg does not fork, so this is the whole tree) and the promise settles only once it has exited
 * and its pipes are closed: no ffmpeg outlives the call and Node has reaped it, so no zombie either.
 * An abort rejects with `signal.reason`, as Node's own APIs do.
 */
export function runTool(file: string, args: readonly string[], options: RunToolOptions): Promise<ToolResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const name = basename(file);
  const extraPipes = options.extraPipes ?? [];

  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe', ...extraPipes.map(() => 'pipe' as const)], windowsHide: true });
    let failure: { reason: unknown } | undefined;
    let settled = false;
    const stop = (reason: unknown) => {
      if (failure) return;
      failure = { reason };
      child.kill('SIGKILL');
    };
    const finish = (error: unknown, result?: ToolResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (result) resolve(result);
      else reject(error);
    };
    const timer = setTimeout(
      () => stop(new VideoToolFailed(`${name} did not finish within ${options.timeoutMs / 1000} s`, true)),
      options.timeoutMs,
    );
    const onAbort = () => stop(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const guarded = (handler: (chunk: Buffer) => void) => (chunk: Buffer) => {
      if (failure) return;
      try {
        handler(chunk);
      } catch (error) {
        stop(error);
      }
    };
    // All of stdio but stdin is 'pipe', so these streams exist.
    const pipe = (fd: number) => child.stdio[fd] as Readable;
    const stdout: Buffer[] = [];
    pipe(1).on('data', guarded(options.onStdout ?? ((chunk) => stdout.push(chunk))));
    extraPipes.forEach((handler, i) => pipe(3 + i).on('data', guarded(handler)));
    let stderrHead = '';
    let stderrTail = '';
    let stderrDropped = false;
    pipe(2)
      .setEncoding('utf8')
      .on('data', (text: string) => {
        const room = Math.max(0, STDERR_KEEP_CHARS - stderrHead.length);
        stderrHead += text.slice(0, room);
        const rest = stderrTail + text.slice(room);
        stderrDropped ||= rest.length > STDERR_KEEP_CHARS;
        stderrTail = rest.slice(-STDERR_KEEP_CHARS);
      });
    const stderr = () => stderrHead + (stderrDropped ? '\n…\n' : '') + stderrTail;

    child.on('error', (error) => {
      // Not started (ENOENT, EACCES): there is no process to wait for. The worker is broken, not the file; the code
      // alone, as Node's message names the binary's path.
      if (child.pid === undefined) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        finish(new VideoToolFailed(`${name} could not be started (${code})`, true, { cause: error, workerFault: true }));
      } else stop(error);
    });
    child.on('close', (code, killedBy) => {
      if (failure) finish(failure.reason);
      else if (code === null) finish(new VideoToolFailed(`${name} was killed by ${killedBy ?? 'a signal'}`, true));
      else finish(undefined, { exitCode: code, stdout: Buffer.concat(stdout), stderr: stderr() });
    });
  });
}
