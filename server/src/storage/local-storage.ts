/**
 * The embedded object store: a folder under `SERVER_DATA_DIR`, written through signed part URLs
 * handled by `storage/routes.ts` and read through `/v1/objects/<key>`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import { hmacHex, safeEqual } from '../auth/tokens';
import type { CompletedPart, ObjectStorage } from './storage';

const KEY = /^[a-z]+\/[0-9a-f-]{36}$/;

export class LocalStorage implements ObjectStorage {
  readonly kind = 'local';

  constructor(
    private readonly root: string,
    private readonly publicUrl: string,
    private readonly secret: string,
  ) {}

  private objectPath(key: string): string {
    if (!KEY.test(key)) throw new AppError('VALIDATION', 'Bad object key.');
    return path.join(this.root, 'objects', key);
  }

  partDir(uploadId: string): string {
    return path.join(this.root, 'parts', uploadId);
  }

  partPath(uploadId: string, partNumber: number): string {
    return path.join(this.partDir(uploadId), String(partNumber));
  }

  private partSignature(uploadId: string, partNumber: number, expires: number): string {
    return hmacHex(this.secret, `part:${uploadId}:${partNumber}:${expires}`);
  }

  /** True when the part URL's signature is ours and has not expired. */
  verifyPartUrl(
    uploadId: string,
    partNumber: number,
    expires: string,
    sig: string,
    nowMs: number,
  ): boolean {
    const exp = Number(expires);
    if (!Number.isInteger(exp) || exp * 1000 < nowMs) return false;
    return safeEqual(sig, this.partSignature(uploadId, partNumber, exp));
  }

  async createMultipart(): Promise<string | null> {
    return Promise.resolve(null);
  }

  async partUrl(args: { uploadId: string; partNumber: number; expiresAt: Date }): Promise<string> {
    const expires = Math.floor(args.expiresAt.getTime() / 1000);
    const sig = this.partSignature(args.uploadId, args.partNumber, expires);
    return Promise.resolve(
      `${this.publicUrl}/v1/storage/parts/${args.uploadId}/${args.partNumber}?expires=${expires}&sig=${sig}`,
    );
  }

  /** Writes one part from a request body; answers its S3-style ETag (quoted hex MD5). */
  async writePart(
    uploadId: string,
    partNumber: number,
    body: ReadableStream<Uint8Array>,
    maxBytes: number,
  ): Promise<{ etag: string; bytes: number }> {
    await fs.mkdir(this.partDir(uploadId), { recursive: true });
    const target = this.partPath(uploadId, partNumber);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    const md5 = createHash('md5');
    let bytes = 0;
    const reader = body.getReader();
    const out = createWriteStream(temp);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        if (bytes > maxBytes)
          throw new AppError('TOO_LARGE', `A part may hold at most ${maxBytes} bytes.`);
        md5.update(value);
        if (!out.write(value))
          await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      await fs.rename(temp, target);
    } catch (error) {
      out.destroy();
      await fs.rm(temp, { force: true });
      throw error;
    }
    return { etag: `"${md5.digest('hex')}"`, bytes };
  }

  async completeMultipart(
    key: string,
    _s: string | null,
    uploadId: string,
    parts: CompletedPart[],
  ): Promise<void> {
    const target = this.objectPath(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.tmp`;
    const out = createWriteStream(temp);
    for (const part of [...parts].sort((a, b) => a.partNumber - b.partNumber)) {
      await pipeline(createReadStream(this.partPath(uploadId, part.partNumber)), out, {
        end: false,
      });
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await fs.rename(temp, target);
    await fs.rm(this.partDir(uploadId), { recursive: true, force: true });
  }

  async abortMultipart(_key: string, _s: string | null, uploadId: string): Promise<void> {
    await fs.rm(this.partDir(uploadId), { recursive: true, force: true });
  }

  async digest(key: string): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(this.objectPath(key))) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      hash.update(buffer);
    }
    return { sha256: hash.digest('hex'), bytes };
  }

  /** The file of a stored object, for the read route. */
  filePath(key: string): string {
    return this.objectPath(key);
  }

  readUrl(key: string): string {
    return `${this.publicUrl}/v1/objects/${key}`;
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.objectPath(key), { force: true });
  }

  async check(): Promise<boolean> {
    try {
      await fs.mkdir(path.join(this.root, 'objects'), { recursive: true });
      await fs.access(path.join(this.root, 'objects'), fs.constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
}
