/** What a command reads and writes, so tests run the whole program in process and main.ts wires the real streams. */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** The user's home folder, where ~/.config/newsdesk/config.json is looked up. */
  home: string;
  out(text: string): void;
  err(text: string): void;
  /** Where progress goes: bars on a terminal, and a closing line per file (cli/progress/file-bars.ts). */
  progress: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /**
   * A signal that aborts on Ctrl-C (SIGINT), for a command that ends cleanly on it (`watch`). Only asking for it takes
   * Ctrl-C over: elsewhere it stops the process at once (an interrupted upload resumes from its record).
   */
  interrupted(): AbortSignal;
}
