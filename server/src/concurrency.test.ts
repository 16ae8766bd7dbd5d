/**
 * The correctness scenarios under concurrency, on PGlite and on a real PostgreSQL server started
 * by the test (initdb/pg_ctl on a free loopback port, stopped in teardown).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createHarness, type Harness } from './testing/harness';
import { startPostgres, type TestPostgres } from './testing/postgres';
import * as scenarios from './testing/scenarios';

const backends = [
  ['PGlite', async () => createHarness({ openai: { baseUrl: 'http://upstream.invalid' } })],
  [
    'PostgreSQL',
    async () => {
      postgres = await startPostgres();
      const url = await postgres.createDatabase('reelsmith_test');
      return createHarness({ databaseUrl: url, openai: { baseUrl: 'http://upstream.invalid' } });
    },
  ],
] as const;

let postgres: TestPostgres | undefined;

describe.each(backends)('on %s', (_name, open) => {
  let h: Harness;
  beforeAll(async () => {
    h = await open();
  }, 120_000);
  afterAll(async () => {
    await h.close();
    postgres?.stop();
    postgres = undefined;
  });

  it('100 concurrent charges against a balance of 10: exactly 10 succeed', () =>
    scenarios.concurrentCharges(h));
  it('50 concurrent likes by one user: 1 like', () => scenarios.concurrentLikes(h));
  it('two users viewing many times: 2 views', () => scenarios.viewsDedup(h));
  it('refresh-token reuse revokes the family', () => scenarios.refreshReuse(h));
  it('concurrent rotations of one refresh token: at most one wins', () => scenarios.refreshRace(h));
});
