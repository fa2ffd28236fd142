/**
 * The SSRF guard refused a URL: retrying will not help. `reason` is written for the URL's owner
 * ("its host 10.0.0.1 is not a public address (private)"); each caller words its own answer
 * around it (ingest's 422, a delivery record, the classifier's InvalidImageUrl).
 */
export class UrlRejected extends Error {
  override readonly name = 'UrlRejected';
  constructor(readonly reason: string) {
    super(`The URL is rejected: ${reason}.`);
  }
}
