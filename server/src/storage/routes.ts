/**
 * The embedded object store's HTTP side: `PUT /v1/storage/parts/:uploadId/:partNumber` (signed,
 * expiring URLs; answers an S3-style ETag) and `GET /v1/objects/:kind/:id` (verified objects).
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { AppError } from '../../../shared/errors';
import type { Env } from '../deps';
import { recordPart, uploadOf } from '../uploads/repository';
import { LocalStorage } from './local-storage';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function localStorageOf(c: { var: Env['Variables'] }): LocalStorage {
  const storage = c.var.deps.storage;
  if (!(storage instanceof LocalStorage)) throw new AppError('NOT_FOUND', 'No local storage here.');
  return storage;
}

export function storageRoutes(): Hono<Env> {
  const router = new Hono<Env>();

  router.put('/v1/storage/parts/:uploadId/:partNumber', async (c) => {
    const storage = localStorageOf(c);
    const uploadId = c.req.param('uploadId');
    const partNumber = Number(c.req.param('partNumber'));
    const { expires = '', sig = '' } = c.req.query();
    if (!UUID.test(uploadId) || !Number.isInteger(partNumber) || partNumber < 1) {
      throw new AppError('NOT_FOUND', 'No such part.');
    }
    if (!storage.verifyPartUrl(uploadId, partNumber, expires, sig, Date.now())) {
      throw new AppError(
        'FORBIDDEN',
        'This part URL is invalid or has expired; ask for a fresh one.',
      );
    }
    const upload = await uploadOf(c.var.deps.db, uploadId);
    if (!upload || upload.status !== 'pending' || partNumber > upload.part_count) {
      throw new AppError('CONFLICT', 'This upload no longer takes parts.');
    }
    const total = Number(upload.bytes);
    const expected =
      partNumber < upload.part_count
        ? upload.part_size
        : total - upload.part_size * (upload.part_count - 1);
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) !== expected) {
      throw new AppError('VALIDATION', `Part ${partNumber} must be ${expected} bytes.`);
    }
    const body = c.req.raw.body;
    if (!body) throw new AppError('VALIDATION', 'The part is empty.');
    const written = await storage.writePart(uploadId, partNumber, body, expected);
    if (written.bytes !== expected) {
      await fs.rm(storage.partPath(uploadId, partNumber), { force: true });
      throw new AppError('VALIDATION', `Part ${partNumber} must be ${expected} bytes.`);
    }
    await recordPart(c.var.deps.db, uploadId, partNumber, written.etag);
    c.header('ETag', written.etag);
    return c.body(null, 200);
  });

  router.get('/v1/objects/:kind/:id', async (c) => {
    const storage = localStorageOf(c);
    const id = c.req.param('id');
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'No such object.');
    const upload = await uploadOf(c.var.deps.db, id);
    if (
      !upload ||
      upload.status !== 'verified' ||
      upload.storage_key !== `${c.req.param('kind')}/${id}`
    ) {
      throw new AppError('NOT_FOUND', 'No such object.');
    }
    const file = storage.filePath(upload.storage_key);
    const size = (await fs.stat(file)).size;
    c.header('Content-Type', upload.content_type);
    c.header('Accept-Ranges', 'bytes');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    const range = /^bytes=(\d*)-(\d*)$/.exec(c.req.header('range') ?? '');
    let start = 0;
    let end = size - 1;
    if (range) {
      start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start > end || start >= size) {
        c.header('Content-Range', `bytes */${size}`);
        return c.body(null, 416);
      }
      c.header('Content-Range', `bytes ${start}-${end}/${size}`);
    }
    c.header('Content-Length', String(end - start + 1));
    const stream = Readable.toWeb(
      createReadStream(file, { start, end }),
    ) as ReadableStream<Uint8Array>;
    return c.body(stream, range ? 206 : 200);
  });
  return router;
}
