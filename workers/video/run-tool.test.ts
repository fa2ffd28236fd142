import { describe, expect, it } from 'vitest';
import { VideoToolFailed } from './errors.js';
import { resolveFfmpegTools } from './ffmpeg-tools.js';
import { runTool } from './run-tool.js';
import { childProcesses } from '../../test/support/child-processes.js';

const { ffmpegPath } = resolveFfmpegTools({});
/** Runs until killed: an endless test pattern encoded to nowhere. */
const endless = ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240', '-f', 'null', '-'];

describe('runTool', () => {
  it('returns the exit code and output', async () => {
    const result = await runTool(ffmpegPath, ['-hide_banner', '-version'], { timeoutMs: 10_000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.toString()).toMatch(/^ffmpeg version/);
  });

  it('kills a command over its time limit and waits for it', async () => {
    const started = performance.now();
    const error = await runTool(ffmpegPath, endless, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoToolFailed);
    expect(error).toMatchObject({ retryable: true, message: 'ffmpeg did not finish within 0.3 s' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(childProcesses()).toEqual([]);
  });

  it('kills it on abort and rejects with the signal’s reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await runTool(ffmpegPath, endless, { timeoutMs: 60_000, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(childProcesses()).toEqual([]);
  });

  it('does not start when already aborted', async () => {
    const reason = new Error('job cancelled');
    await expect(runTool(ffmpegPath, endless, { timeoutMs: 60_000, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(childProcesses()).toEqual([]);
  });

  it('kills it when an output handler throws', async () => {
    const error = await runTool(ffmpegPath, [...endless.slice(0, -3), '-f', 'rawvideo', 'pipe:1'], {
      timeoutMs: 60_000,
      onStdout: () => {
        throw new Error('bad output');
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'bad output' });
    expect(childProcesses()).toEqual([]);
  });

  it('keeps the first and the last of a long stderr', async () => {
    const script = 'echo first >&2; yes middle | head -n 20000 >&2; echo last >&2';
    const { exitCode, stderr } = await runTool('sh', ['-c', script], { timeoutMs: 10_000 });
    expect(exitCode).toBe(0);
    expect(stderr).toMatch(/^first\nmiddle\n/);
    expect(stderr).toMatch(/\nmiddle\nlast\n$/);
    expect(stderr).toContain('\n…\n');
    expect(stderr.length).toBeLessThanOrEqual(16 * 1024 + 3);
  });

  it('reports a missing binary as the worker’s fault, for another worker to retry, without its path', async () => {
    const error = await runTool('/nonexistent/ffmpeg', [], { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoToolFailed);
    expect(error).toMatchObject({ retryable: true, workerFault: true, message: 'ffmpeg could not be started (ENOENT)' });
  });
});
