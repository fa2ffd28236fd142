/** One analysed file as the duplicate index keeps it. */
export interface DuplicateEntry {
  clientId: string;
  submissionId: string;
  fileId: string;
  /** The file's name as the client sent it, shown in the matches. */
  name: string;
  /** Hex SHA-256 of the bytes: equal means an exact duplicate. */
  sha256: string;
  /** 64-bit perceptual hashes as 16 hex digits: one for a photo, the poster and keyframes for a video. */
  hashes: string[];
  /** ISO 8601; the window is measured from it. */
  indexedAt: string;
}

/** The new file whose duplicates are wanted (it need not be indexed yet). */
export type DuplicateQuery = Pick<DuplicateEntry, 'clientId' | 'submissionId' | 'fileId' | 'sha256' | 'hashes'> & {
  /**
   * ISO 8601: only files indexed at or before it count (the new file's own arrival). Analysis finishes in any order,
   * so without it a slow earlier file would name a later one, indexed first, as its earlier copy.
   */
  receivedAt?: string;
};

export interface DuplicateMatch {
  submissionId: string;
  fileId: string;
  name: string;
  /** Smallest Hamming distance between any hash of the new file and any hash of this one; 0 when exact. */
  distance: number;
  /** Same SHA-256: the same bytes. */
  exact: boolean;
}

export interface DuplicateIndexOptions {
  /** Near duplicates differ in at most this many bits (NEWSDESK_NEAR_DUPLICATE_BITS). */
  maxBits?: number;
  /** Only files indexed this recently are compared (NEWSDESK_DUPLICATE_WINDOW). */
  windowMs?: number;
  /** The clock the window is measured on (tests inject one). */
  now?: () => Date;
}

export const DEFAULT_NEAR_DUPLICATE_BITS = 6;
export const DEFAULT_DUPLICATE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** A webhook lists at most this many matches per file. */
export const MAX_DUPLICATE_MATCHES = 10;

/**
 * The port for finding a client's earlier copies of a file: exact (same SHA-256) and near (perceptual
 * hashes within `maxBits`), within the window, the file itself left out, nearest first (exact first),
 * at most MAX_DUPLICATE_MATCHES. Adapters: InMemoryDuplicateIndex and TableDuplicateIndex (Azure
 * Table Storage, Azurite locally); both pass duplicate-index.contract.ts.
 */
export interface DuplicateIndex {
  /** Idempotent: a (submissionId, fileId) already indexed keeps what was stored first. */
  insert(entry: DuplicateEntry): Promise<void>;
  /** As many inserts in order, written together: the backfill after the index is created or re-banded. */
  insertMany(entries: readonly DuplicateEntry[]): Promise<void>;
  lookup(query: DuplicateQuery): Promise<DuplicateMatch[]>;
}
