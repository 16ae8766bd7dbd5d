/**
 * User settings, persisted as `settings.json` in the data folder.
 *
 * A corrupt or hand-edited file never stops the app: it is kept aside as
 * `settings.json.corrupt-<time>` and defaults are used, with a warning in the log.
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
import { writeFileAtomicSync } from '../util/atomic-write';

export const SETTINGS_FILE_NAME = 'settings.json';

export class SettingsService {
  private readonly file: string;
  private current: SettingsValue;

  constructor(
    dataDir: string,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {
    this.file = path.join(dataDir, SETTINGS_FILE_NAME);
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
      writeFileAtomicSync(this.file, `${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      throw new AppError(
        'IO',
        `Cannot save settings to ${this.file}: ${(error as Error).message}`,
        {
          retryable: true,
        },
      );
    }
    this.current = next;
    this.events.emit('settings.changed', this.get());
    return this.get();
  }

  private load(): SettingsValue {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
      throw new AppError(
        'IO',
        `Cannot read settings from ${this.file}: ${(error as Error).message}`,
      );
    }
    try {
      // Unknown keys (from a newer version) are dropped; known ones are validated one by one,
      // so one bad value does not reset the others.
      const raw = JSON.parse(text) as unknown;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new Error('not an object');
      const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
      for (const [key, schema] of Object.entries(Settings.shape)) {
        const value = (raw as Record<string, unknown>)[key];
        if (value === undefined) continue;
        const parsed = schema.safeParse(value);
        if (parsed.success) merged[key] = parsed.data;
        else this.log.warn(`settings: ignoring invalid ${key} in ${this.file}`);
      }
      return Settings.parse(merged);
    } catch (error) {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      fs.renameSync(this.file, aside);
      this.log.warn(
        `settings: ${this.file} was unreadable (${(error as Error).message}); kept as ${aside}, using defaults`,
      );
      return { ...DEFAULT_SETTINGS };
    }
  }
}
