import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings.contract';
import { AppError } from '../../shared/errors';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { EventBus } from '../rpc/event-bus';
import { createMemoryLogger } from '../util/logger';
import { SETTINGS_FILE_NAME, SettingsService } from './settings.service';

const tempDir = useTempDirs();

function make(dir = tempDir()) {
  const events = new EventBus();
  const log = createMemoryLogger();
  return { dir, events, log, settings: new SettingsService(dir, events, log) };
}

describe('SettingsService', () => {
  it('starts with defaults and persists changes as JSON', () => {
    const { dir, settings, events } = make();
    const seen: unknown[] = [];
    events.on('settings.changed', (value) => seen.push(value));
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.set({ language: 'pt-BR', ffmpegPath: '/opt/ffmpeg' });
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, language: 'pt-BR', ffmpegPath: '/opt/ffmpeg' }]);
    const reopened = new SettingsService(dir, new EventBus(), createMemoryLogger());
    expect(reopened.get().language).toBe('pt-BR');
    expect(JSON.parse(fs.readFileSync(path.join(dir, SETTINGS_FILE_NAME), 'utf8'))).toMatchObject({
      language: 'pt-BR',
    });
  });

  it('refuses invalid values with a message naming the field, and keeps the old value', () => {
    const { settings } = make();
    expect(() => settings.set({ language: 'not a tag!' })).toThrow(AppError);
    expect(() => settings.set({ language: 'not a tag!' })).toThrow(/language/);
    expect(settings.get().language).toBe('en');
  });

  it('keeps a corrupt file aside and starts from defaults', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, SETTINGS_FILE_NAME), '{"language": "de",');
    const { settings, log } = make(dir);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith(`${SETTINGS_FILE_NAME}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"language": "de",');
    expect(log.lines.join('\n')).toContain('unreadable');
  });

  it('keeps valid values when one is invalid, and ignores unknown keys from newer versions', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ language: 'fr', hardwareEncoding: 'maybe', futureSetting: 1 }),
    );
    const { settings } = make(dir);
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr' });
  });
});
