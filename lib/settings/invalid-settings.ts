/** A process's settings cannot be used: `Invalid worker settings — NAME: why; …`, naming every setting that is wrong. */
export class InvalidSettings extends Error {
  override readonly name = 'InvalidSettings';
  constructor(
    /** Whose settings: `Newsdesk settings`, `worker settings`, … */
    readonly label: string,
    readonly problems: string,
    options?: { cause?: unknown },
  ) {
    super(`Invalid ${label} — ${problems}`, options);
  }
}
