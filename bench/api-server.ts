/**
 * The API process of the API benchmark (bench/api.bench.ts starts it): listens on 127.0.0.1,
 * prints its URL as one JSON line, stops on SIGTERM or after a safety timeout.
 */
import { startApiServer } from '../server/src/index';
import { DEFAULTS } from '../server/src/config';

const api = await startApiServer({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.SERVER_DATA_DIR,
  publicUrl: 'http://127.0.0.1',
  secret: process.env.SERVER_SECRET,
  argon2: { ...DEFAULTS.argon2 },
  partSize: DEFAULTS.partSize,
  quotaBytes: DEFAULTS.quotaBytes,
  starterCredits: 0,
  trustProxy: false,
  logStream: null,
  version: 'bench',
});
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
const stop = () => void api.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
setTimeout(stop, 10 * 60_000).unref();
