/** An error the Durable HTTP API answers with its status code (as the real extension does). */
export class DurableApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DurableApiError';
  }
}
