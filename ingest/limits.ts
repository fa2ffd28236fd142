/** How much one submission may carry; the function app's settings (app/config.ts) provide them. */
export interface IngestLimits {
  /** One file sent in a multipart submission or an e-mail. */
  maxFileBytes: number;
  maxFiles: number;
  /** A whole multipart submission. */
  maxTotalBytes: number;
  /**
   * A whole `POST /submissions` request body. Azure's Functions front end refuses bodies over 100 MB before the app sees
   * them, so the app refuses the same everywhere (its clients switch to upload sessions well below it).
   */
  maxRequestBytes: number;
  /** One file of an upload session (large videos, uploaded straight to Blob Storage). */
  maxUploadBytes: number;
  /** A multipart body from which nothing arrives for this long is answered 408 (a stalled or dripping client). */
  uploadIdleMs: number;
  /** Multipart uploads one client may run at once on one instance; more are answered 429. */
  maxConcurrentUploads: number;
}
