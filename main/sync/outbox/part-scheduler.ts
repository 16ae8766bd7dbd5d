/**
 * Runs one upload's parts on a few parallel workers. Workers take parts in order; each part is
 * read once, fed to the in-order hasher (when the digest is still unknown), then sent. Parts the
 * server already holds (a resumed upload) are only read and hashed, never sent again, and only
 * when the hasher still needs them: a retry in the same process keeps its hasher, while after a
 * restart the hash state is gone, so those bytes are read once more (disk reads, no network).
 * The first failure stops the other workers.
 */
import type { OrderedHasher } from './ordered-hasher';
import { readRange } from './part-sender';

export interface PlannedPart {
  partNumber: number;
  offset: number;
  length: number;
  /** Where to send it; absent when the server already has it (hash only). */
  url?: string;
}

export interface PartSchedule {
  path: string;
  parts: PlannedPart[];
  parallel: number;
  /** Null when the digest is already known: then parts without a URL are skipped entirely. */
  hasher: OrderedHasher | null;
  signal: AbortSignal;
  /** Runs before every read (the source file must be unchanged). */
  check: () => Promise<void>;
  /** Sends one part (its bytes already read); `signal` aborts when another part failed. */
  send: (part: PlannedPart & { url: string }, body: Buffer, signal: AbortSignal) => Promise<void>;
}

export async function runParts(schedule: PartSchedule): Promise<void> {
  const { hasher } = schedule;
  const queue = schedule.parts.filter(
    (p) => p.url !== undefined || (hasher !== null && hasher.needs(p.partNumber)),
  );
  const inner = new AbortController();
  const both = AbortSignal.any([schedule.signal, inner.signal]);
  let failure: unknown = null;
  const worker = async (): Promise<void> => {
    for (;;) {
      const part = queue.shift();
      if (!part || failure !== null) return;
      try {
        both.throwIfAborted();
        if (hasher?.needs(part.partNumber)) await hasher.room(part.partNumber, both);
        await schedule.check();
        const body = await readRange(schedule.path, part.offset, part.length);
        if (hasher?.needs(part.partNumber)) hasher.add(part.partNumber, body);
        if (part.url !== undefined) await schedule.send({ ...part, url: part.url }, body, both);
      } catch (error) {
        failure ??= error;
        inner.abort(error);
        return;
      }
    }
  };
  const workers = Math.min(Math.max(1, schedule.parallel), Math.max(1, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  schedule.signal.throwIfAborted();
  if (failure !== null) {
    throw failure instanceof Error ? failure : new Error('A part upload failed.');
  }
}
