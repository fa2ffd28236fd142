export interface FrameRecord {
  /** Seconds, as ffmpeg timed the frame; NaN when it had no timestamp. */
  ptsTime: number;
  sceneScore: number | null;
}

/**
 * Reads what `metadata=mode=print:key=lavfi.scene_score` writes for each frame it passes, in the
 * order the frames leave the filter (the order of the JPEGs on stdout):
 *
 *     frame:1    pts:93696   pts_time:7.625
 *     lavfi.scene_score=0.683429
 */
export class FrameRecordReader {
  /** Complete records not yet taken; the caller shifts them off. */
  readonly records: FrameRecord[] = [];
  private partialLine = '';
  private current: FrameRecord | null = null;

  push(chunk: Buffer): void {
    const lines = (this.partialLine + chunk.toString('latin1')).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** The stream has ended: a record still open is complete. */
  end(): void {
    if (this.partialLine) this.line(this.partialLine);
    this.partialLine = '';
    this.close();
  }

  private line(line: string): void {
    const frame = /^frame:\s*\d+\s+pts:\s*\S+\s+pts_time:\s*(\S+)/.exec(line);
    if (frame) {
      this.close();
      this.current = { ptsTime: Number(frame[1]), sceneScore: null };
      return;
    }
    const score = /^lavfi\.scene_score=(\S+)/.exec(line);
    if (score && this.current) {
      const value = Number(score[1]);
      this.current.sceneScore = Number.isFinite(value) ? value : null;
      this.close();
    }
  }

  private close(): void {
    if (this.current) this.records.push(this.current);
    this.current = null;
  }
}
