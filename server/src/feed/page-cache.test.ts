import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache';

describe('PageCache', () => {
  it('shares one load per key within the TTL, then loads again; failures are not kept', async () => {
    const cache = new PageCache<number>(1000);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await Promise.all([cache.get('a', load, 0), cache.get('a', load, 500)])).toEqual([1, 1]);
    expect(await cache.get('a', load, 1500)).toBe(2);
    expect(await cache.get('b', load, 1500)).toBe(3);
    await expect(cache.get('c', () => Promise.reject(new Error('x')), 0)).rejects.toThrow('x');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get('c', load, 10)).toBe(4);
  });
});
