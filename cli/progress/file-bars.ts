import { MultiBar, Presets } from 'cli-progress';

export interface FileBar {
  increment(amount?: number): void;
}

/**
 * One progress bar per file while they move, on a terminal only, then one line per file saying how far it got. The
 * bars are cleared rather than left: cli-progress's last redraw on stop() loses each bar's name, and on a pipe it
 * draws bars it never started (`{name}`, a total of 100). The closing lines are what a log or a pipe keeps.
 */
export function fileBars(stream: NodeJS.WritableStream, unit: string) {
  const tty = (stream as { isTTY?: boolean }).isTTY === true;
  const bars = tty
    ? new MultiBar(
        { stream, format: `{name} {bar} {percentage}% {value}/{total} ${unit}`, hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      )
    : undefined;
  const files: { name: string; total: number; value: number }[] = [];
  return {
    add(name: string, total: number, start = 0): FileBar {
      const file = { name, total, value: start };
      files.push(file);
      const bar = bars?.create(total, start, { name });
      return {
        increment(amount = 1) {
          file.value += amount;
          bar?.increment(amount);
        },
      };
    },
    stop(): void {
      bars?.stop();
      for (const f of files) stream.write(`${f.name}: ${f.value}/${f.total} ${unit}${f.value >= f.total ? ', done' : ''}\n`);
    },
  };
}
