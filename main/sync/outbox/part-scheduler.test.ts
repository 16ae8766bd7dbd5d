import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderedHasher } from './ordered-hasher';
import { runParts, type PlannedPart } from './part-scheduler';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-parts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PART = 64 * 1024;
const data = randomBytes(PART * 9 + 123);
const file = path.join(dir, 'source.bin');
fs.writeFileSync(file, data);
const expected = createHash('sha256').update(data).digest('hex');

function plan(have: Set<number>): PlannedPart[] {
  const count = Math.ceil(data.length / PART);
  return Array.from({ length: count }, (_, i) => {
    const partNumber = i + 1;
    const part: PlannedPart = {
      partNumber,
      offset: i * PART,
      length: Math.min(PART, data.length - i * PART),
    };
    if (!have.has(partNumber)) part.url = `http://127.0.0.1:9/part/${partNumber}`;
    return part;
  });
}

describe('part scheduling with the in-order hash', () => {
  it('hashes parts in order while parallel sends finish out of order', async () => {
    const sent: number[] = [];
    const hasher = new OrderedHasher(10, 2);
    let maxHeld = 0;
    await runParts({
      path: file,
      parts: plan(new Set()),
      parallel: 3,
      hasher,
      signal: new AbortController().signal,
      check: async () => {},
      send: async (part, body) => {
        maxHeld = Math.max(maxHeld, hasher.held);
        expect(body.equals(data.subarray(part.offset, part.offset + part.length))).toBe(true);
        // Later parts finish first.
        await new Promise((resolve) => setTimeout(resolve, (10 - part.partNumber) * 3));
        sent.push(part.partNumber);
      },
    });
    expect(sent.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(hasher.digest()).toBe(expected);
    expect(maxHeld).toBeLessThanOrEqual(2);
  });

  it('on resume re-reads the parts the server has for the hash but sends only the missing ones', async () => {
    const sent: number[] = [];
    const hasher = new OrderedHasher(10);
    await runParts({
      path: file,
      parts: plan(new Set([1, 2, 3, 5, 8])),
      parallel: 3,
      hasher,
      signal: new AbortController().signal,
      check: async () => {},
      send: (part) => {
        sent.push(part.partNumber);
        return Promise.resolve();
      },
    });
    expect(sent.toSorted((a, b) => a - b)).toEqual([4, 6, 7, 9, 10]);
    expect(hasher.digest()).toBe(expected);
  });

  it('with the digest already known, reads only the parts it sends', async () => {
    const sent: number[] = [];
    await runParts({
      path: file,
      parts: plan(new Set([1, 2, 3, 4, 5, 6, 7, 8])),
      parallel: 2,
      hasher: null,
      signal: new AbortController().signal,
      check: async () => {},
      send: (part) => {
        sent.push(part.partNumber);
        return Promise.resolve();
      },
    });
    expect(sent.toSorted((a, b) => a - b)).toEqual([9, 10]);
  });

  it('keeps its hasher across a failed attempt: the retry hashes on from where it stopped', async () => {
    const hasher = new OrderedHasher(10);
    await expect(
      runParts({
        path: file,
        parts: plan(new Set()),
        parallel: 1,
        hasher,
        signal: new AbortController().signal,
        check: async () => {},
        send: (part) =>
          part.partNumber === 5 ? Promise.reject(new Error('link dropped')) : Promise.resolve(),
      }),
    ).rejects.toThrow('link dropped');
    // Parts 1-5 were read and hashed (5 before its send failed); the server has 1-4.
    expect([1, 2, 3, 4, 5].some((n) => hasher.needs(n))).toBe(false);
    expect(hasher.needs(6)).toBe(true);
    const sent: number[] = [];
    await runParts({
      path: file,
      parts: plan(new Set([1, 2, 3, 4])),
      parallel: 3,
      hasher,
      signal: new AbortController().signal,
      check: async () => {},
      send: (part) => {
        sent.push(part.partNumber);
        return Promise.resolve();
      },
    });
    expect(sent.toSorted((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(hasher.digest()).toBe(expected);
  });

  it('stops every worker at the first failure and refuses a digest of missing parts', async () => {
    const hasher = new OrderedHasher(10);
    const sent: number[] = [];
    await expect(
      runParts({
        path: file,
        parts: plan(new Set()),
        parallel: 3,
        hasher,
        signal: new AbortController().signal,
        check: async () => {},
        send: async (part, _body, signal) => {
          if (part.partNumber === 2) throw new Error('part 2 broke');
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (!signal.aborted) sent.push(part.partNumber);
        },
      }),
    ).rejects.toThrow('part 2 broke');
    expect(sent.length).toBeLessThan(10);
    expect(() => hasher.digest()).toThrow(/digest is not ready/);
  });
});
