/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key (+ the feed's snapshot time).
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(
  cursor: string | undefined,
  schema: T,
): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION', 'Bad cursor.');
  }
}

/** Feed position: ranking score and id of the last video, and the time the first page was read. */
export const FeedCursor = z.object({ s: z.number(), i: z.uuid(), t: z.number().int() });
/** Chronological position: time (ms) and id of the last row. */
export const TimeCursor = z.object({ t: z.number().int(), i: z.uuid() });
