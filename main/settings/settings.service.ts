/**
 * User settings, persisted in the library database (`settings` table).
 *
 * Until version 0.1 they lived in `settings.json`; on first start with the database, that file
 * is imported (valid keys only) and renamed `settings.json.migrated`, so nothing is lost and
 * an older Reelsmith started later would simply see defaults. A hand-edited file that is not
 * JSON is kept aside as `settings.json.corrupt-<time>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SETTINGS,
  Settings,
  SettingsPatch,
  type Settings as SettingsValue,
} from '../../shared/contract/settings.contract';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../rpc/event-bus';
import type { Logger } from '../rpc/router';
import { describeZodError } from '../rpc/router';
import type { Store } from '../store/db/store';
import { readSettings, writeSettings } from '../store/settings/setting.repository';

export const SETTINGS_FILE_NAME = 'settings.json';

export class SettingsService {
  private readonly legacyFile: string;
  private current: SettingsValue;

  constructor(
    private readonly store: Store,
    dataDir: string,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {
    this.legacyFile = path.join(dataDir, SETTINGS_FILE_NAME);
    this.current = this.load();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: (settings: SettingsValue) => void): () => void {
    return this.events.on('settings.changed', listener);
  }

  /** All settings with defaults filled in. */
  get(): SettingsValue {
    return { ...this.current };
  }

  /** Applies a validated partial update, persists it, and emits `settings.changed`. */
  set(patch: SettingsPatch): SettingsValue {
    const checkedPatch = SettingsPatch.safeParse(patch);
    if (!checkedPatch.success) {
      throw new AppError('VALIDATION', `Invalid settings: ${describeZodError(checkedPatch.error)}`);
    }
    const next = Settings.parse({ ...this.current, ...checkedPatch.data });
    try {
      writeSettings(this.store, checkedPatch.data);
    } catch (error) {
      throw new AppError('IO', `Cannot save settings: ${(error as Error).message}`, {
        retryable: true,
      });
    }
    this.current = next;
    this.events.emit('settings.changed', this.get());
    return this.get();
  }

  /** Known keys validated one by one, so one bad value does not reset the others. */
  private merge(raw: Map<string, unknown>, where: string): SettingsValue {
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [key, schema] of Object.entries(Settings.shape)) {
      const value = raw.get(key);
      if (value === undefined) continue;
      const parsed = schema.safeParse(value);
      if (parsed.success) merged[key] = parsed.data;
      else this.log.warn(`settings: ignoring invalid ${key} in ${where}`);
    }
    return Settings.parse(merged);
  }

  private load(): SettingsValue {
    const stored = readSettings(this.store);
    if (stored.size > 0 || !fs.existsSync(this.legacyFile))
      return this.merge(stored, 'the library');
    return this.importLegacyFile();
  }

  private importLegacyFile(): SettingsValue {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.legacyFile, 'utf8'));
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new Error('not an object');
    } catch (error) {
      const aside = `${this.legacyFile}.corrupt-${Date.now()}`;
      fs.renameSync(this.legacyFile, aside);
      this.log.warn(
        `settings: ${this.legacyFile} was unreadable (${(error as Error).message}); kept as ${aside}`,
      );
      return { ...DEFAULT_SETTINGS };
    }
    const settings = this.merge(new Map(Object.entries(raw)), this.legacyFile);
    writeSettings(this.store, settings);
    fs.renameSync(this.legacyFile, `${this.legacyFile}.migrated`);
    this.log.info(`settings: moved ${this.legacyFile} into the library database`);
    return settings;
  }
}
