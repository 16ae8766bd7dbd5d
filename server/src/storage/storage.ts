/**
 * Object storage behind the API: S3-compatible (presigned multipart part URLs) or a local folder
 * served by the API itself (HMAC-signed, expiring part URLs).
 */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** Starts a multipart upload; answers the storage's upload id (null for local). */
  createMultipart(key: string, contentType: string): Promise<string | null>;
  /** A URL the client PUTs one part to. */
  partUrl(args: {
    key: string;
    storageUploadId: string | null;
    uploadId: string;
    partNumber: number;
    expiresAt: Date;
  }): Promise<string>;
  /** Assembles the parts into the object. */
  completeMultipart(
    key: string,
    storageUploadId: string | null,
    uploadId: string,
    parts: CompletedPart[],
  ): Promise<void>;
  /** Best effort: discards the parts. */
  abortMultipart(key: string, storageUploadId: string | null, uploadId: string): Promise<void>;
  /** sha256 and size of a stored object. */
  digest(key: string): Promise<{ sha256: string; bytes: number }>;
  /** The URL clients read the object from (objects of published media are public). */
  readUrl(key: string): string;
  delete(key: string): Promise<void>;
  /** True when the storage answers. */
  check(): Promise<boolean>;
}
