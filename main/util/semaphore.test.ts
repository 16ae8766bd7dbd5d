import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('never runs more than the limit, even when callers arrive as a slot is handed over', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    };
    const all: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      all.push(semaphore.run(task));
      // New callers arrive between a task finishing and its waiter resuming.
      if (i % 3 === 0) await Promise.resolve();
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(semaphore.running).toBe(0);
  });

  it('passes the slot on when a task fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await semaphore.run(() => Promise.resolve(7))).toBe(7);
    expect(semaphore.running).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
