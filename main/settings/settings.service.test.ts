import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../rpc/event-bus';
import type { Library } from '../store/db/open-library';
import { memoryLogger, openTempLibrary, tempDir } from '../store/testing/temp-library';
import { SettingsService } from './settings.service';

let dir: string;
let cleanup: () => void;
let library: Library;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  library = openTempLibrary(dir);
});
afterEach(() => {
  library.close();
  cleanup();
});

describe('settings in SQLite', () => {
  it('imports settings.json once, keeping valid keys, and renames it', () => {
    const legacy = path.join(dir, 'settings.json');
    fs.writeFileSync(
      legacy,
      JSON.stringify({ language: 'pt-BR', hardwareEncoding: 'yes', future: 1 }),
    );
    const log = memoryLogger();
    const settings = new SettingsService(library.store, dir, new EventBus(), log);
    expect(settings.get()).toMatchObject({ language: 'pt-BR', hardwareEncoding: true });
    expect(fs.existsSync(legacy)).toBe(false);
    expect(fs.existsSync(`${legacy}.migrated`)).toBe(true);
    expect(log.lines.join('\n')).toMatch(/ignoring invalid hardwareEncoding/);
    const again = new SettingsService(library.store, dir, new EventBus(), memoryLogger());
    expect(again.get().language).toBe('pt-BR');
  });

  it('persists changes and emits settings.changed', () => {
    const events = new EventBus();
    const seen: unknown[] = [];
    events.on('settings.changed', (s) => seen.push(s.language));
    const settings = new SettingsService(library.store, dir, events, memoryLogger());
    settings.set({ language: 'de' });
    expect(seen).toEqual(['de']);
    expect(
      new SettingsService(library.store, dir, new EventBus(), memoryLogger()).get().language,
    ).toBe('de');
    expect(() => settings.set({ language: 'not a tag!' })).toThrow(/Invalid settings/);
  });

  it('keeps an unreadable settings.json aside and starts from defaults', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{oops');
    const settings = new SettingsService(library.store, dir, new EventBus(), memoryLogger());
    expect(settings.get().language).toBe('en');
    expect(fs.readdirSync(dir).some((n) => n.startsWith('settings.json.corrupt-'))).toBe(true);
  });
});
