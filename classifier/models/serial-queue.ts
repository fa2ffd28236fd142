/**
 * Runs tasks one at a time, in order. The tfjs models (human keeps module-level state between calls) and the single
 * tesseract worker (parameters are set per pass) are not safe to share between overlapping requests.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
