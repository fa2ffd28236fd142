/** A body passed its cap (or declared a length over it): nothing more of it is kept. */
export class TooLarge extends Error {
  override readonly name = 'TooLarge';
  constructor(
    readonly maxBytes: number,
    /** The length the sender declared, when that is what was refused before reading. */
    readonly declaredBytes?: number,
  ) {
    super(declaredBytes === undefined ? `more than ${maxBytes} bytes sent` : `${declaredBytes} bytes declared, more than ${maxBytes}`);
  }
}
