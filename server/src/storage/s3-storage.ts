/**
 * S3-compatible storage (AWS S3, R2, MinIO; s3rver in tests) with presigned multipart part URLs.
 * Parts are tracked by the API, never by ListParts; abort is best effort.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Config } from '../config';
import type { CompletedPart, ObjectStorage } from './storage';

export class S3Storage implements ObjectStorage {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.endpoint !== undefined,
      // Presigned part URLs must not carry an SDK-computed checksum of an empty body.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    });
  }

  async createMultipart(key: string, contentType: string): Promise<string | null> {
    const out = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.config.bucket,
        Key: key,
        ContentType: contentType,
      }),
    );
    return out.UploadId ?? null;
  }

  async partUrl(args: {
    key: string;
    storageUploadId: string | null;
    partNumber: number;
    expiresAt: Date;
  }): Promise<string> {
    const expiresIn = Math.max(1, Math.floor((args.expiresAt.getTime() - Date.now()) / 1000));
    return getSignedUrl(
      this.client,
      new UploadPartCommand({
        Bucket: this.config.bucket,
        Key: args.key,
        UploadId: args.storageUploadId ?? '',
        PartNumber: args.partNumber,
      }),
      { expiresIn },
    );
  }

  async completeMultipart(
    key: string,
    storageUploadId: string | null,
    _u: string,
    parts: CompletedPart[],
  ): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.config.bucket,
        Key: key,
        UploadId: storageUploadId ?? '',
        MultipartUpload: {
          Parts: [...parts]
            .sort((a, b) => a.partNumber - b.partNumber)
            .map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        },
      }),
    );
  }

  async abortMultipart(key: string, storageUploadId: string | null): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({
          Bucket: this.config.bucket,
          Key: key,
          UploadId: storageUploadId ?? '',
        }),
      );
    } catch {
      // Best effort: some S3 look-alikes (s3rver) do not implement it; a bucket lifecycle rule
      // (AbortIncompleteMultipartUpload) cleans up what is left.
    }
  }

  async digest(key: string): Promise<{ sha256: string; bytes: number }> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.config.bucket, Key: key }),
    );
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of out.Body as Readable) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      hash.update(buffer);
    }
    return { sha256: hash.digest('hex'), bytes };
  }

  readUrl(key: string): string {
    if (this.config.publicUrl) return `${this.config.publicUrl.replace(/\/+$/, '')}/${key}`;
    const base = this.config.endpoint
      ? `${this.config.endpoint.replace(/\/+$/, '')}/${this.config.bucket}`
      : `https://${this.config.bucket}.s3.${this.config.region}.amazonaws.com`;
    return `${base}/${key}`;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  async check(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
