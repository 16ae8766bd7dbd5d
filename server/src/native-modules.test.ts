/**
 * The server's native and WASM dependencies load on this platform (npm ci with allowScripts).
 */
import { describe, expect, it } from 'vitest';

describe('native modules', () => {
  it('argon2 hashes with argon2id', async () => {
    const argon2 = (await import('argon2')).default;
    const hash = await argon2.hash('pw', {
      type: argon2.argon2id,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await argon2.verify(hash, 'pw')).toBe(true);
  });

  it('PGlite starts', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = new PGlite('memory://');
    expect((await pg.query<{ n: number }>('select 1 as n')).rows[0]?.n).toBe(1);
    await pg.close();
  }, 60_000);
});
