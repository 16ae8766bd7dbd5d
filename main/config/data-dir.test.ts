import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from './data-dir';

describe('defaultDataDir (Electron userData for an app named Reelsmith)', () => {
  it('Linux: XDG_CONFIG_HOME or ~/.config', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ana' })).toBe(
      '/home/ana/.config/Reelsmith',
    );
    expect(
      defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ana' }),
    ).toBe('/cfg/Reelsmith');
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored, as Electron does.
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'cfg' }, home: '/h' })).toBe(
      '/h/.config/Reelsmith',
    );
  });

  it('macOS: ~/Library/Application Support', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/Reelsmith',
    );
  });

  it('Windows: %APPDATA%', () => {
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
        home: 'C:\\Users\\ana',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Reelsmith');
  });

  it('--data-dir beats REELSMITH_DATA_DIR beats the default', () => {
    expect(resolveDataDir('/a', { REELSMITH_DATA_DIR: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { REELSMITH_DATA_DIR: '/b' })).toBe('/b');
    expect(resolveDataDir(undefined, {})).toMatch(/Reelsmith$/);
  });
});
