import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings.contract';
import { AppError } from '../../shared/errors';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { EventBus } from '../rpc/event-bus';
import type { Library } from '../store/db/open-library';
import { openTempLibrary } from '../store/testing/temp-library';
import { createMemoryLogger } from '../util/logger';
import { SETTINGS_FILE_NAME, SettingsService } from './settings.service';

const tempDir = useTempDirs();
const libraries: Library[] = [];
afterAll(() => {
  for (const library of libraries) library.close();
});

function make(dir = tempDir()) {
  const library = openTempLibrary(dir);
  libraries.push(library);
  const events = new EventBus();
  const log = createMemoryLogger();
  const settings = new SettingsService(library.store, dir, events, log);
  return { dir, events, log, library, settings };
}

describe('SettingsService', () => {
  it('starts with defaults and persists changes in the library database', () => {
    const { dir, settings, events, library } = make();
    const seen: unknown[] = [];
    events.on('settings.changed', (value) => seen.push(value));
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.set({ language: 'pt-BR', ffmpegPath: '/opt/ffmpeg' });
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, language: 'pt-BR', ffmpegPath: '/opt/ffmpeg' }]);
    const reopened = new SettingsService(library.store, dir, new EventBus(), createMemoryLogger());
    expect(reopened.get().language).toBe('pt-BR');
    expect(fs.existsSync(path.join(dir, SETTINGS_FILE_NAME))).toBe(false);
  });

  it('refuses invalid values with a message naming the field, and keeps the old value', () => {
    const { settings } = make();
    expect(() => settings.set({ language: 'not a tag!' })).toThrow(AppError);
    expect(() => settings.set({ language: 'not a tag!' })).toThrow(/language/);
    expect(settings.get().language).toBe('en');
  });

  it('keeps a corrupt settings.json aside and starts from defaults', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, SETTINGS_FILE_NAME), '{"language": "de",');
    const { settings, log } = make(dir);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith(`${SETTINGS_FILE_NAME}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"language": "de",');
    expect(log.lines.join('\n')).toContain('unreadable');
  });

  it('imports settings.json once: valid values kept, unknown keys ignored, file renamed', () => {
    const dir = tempDir();
    const legacy = path.join(dir, SETTINGS_FILE_NAME);
    fs.writeFileSync(
      legacy,
      JSON.stringify({ language: 'fr', hardwareEncoding: 'maybe', futureSetting: 1 }),
    );
    const { settings, library, log } = make(dir);
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr' });
    expect(fs.existsSync(legacy)).toBe(false);
    expect(fs.existsSync(`${legacy}.migrated`)).toBe(true);
    expect(log.lines.join('\n')).toMatch(/ignoring invalid hardwareEncoding/);
    const again = new SettingsService(library.store, dir, new EventBus(), createMemoryLogger());
    expect(again.get().language).toBe('fr');
  });
});
