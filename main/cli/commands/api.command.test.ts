import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { apiCommand } from './api.command';

const tempDir = useTempDirs();

describe('reelsmith api', () => {
  it('starts the sync API on 127.0.0.1, prints its URL and stops on SIGTERM', async () => {
    const dir = tempDir();
    const stdout = new PassThrough();
    let printed = '';
    const url = new Promise<string>((resolve) => {
      stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        if (printed.includes('\n')) resolve((JSON.parse(printed) as { url: string }).url);
      });
    });
    const done = apiCommand.run({
      args: ['--port', '0'],
      globals: { help: false, version: false, json: true, dataDir: dir },
      io: { stdout, stderr: new PassThrough(), env: { STARTER_CREDITS: '5' }, isTTY: false },
      dataDir: dir,
    });
    const base = await url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${base}/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: true, storage: true });
    process.emit('SIGTERM');
    expect(await done).toBe(0);
  }, 60_000);
});
