/**
 * `settings.*`: typed user settings. Persisted as JSON in the data folder until the library
 * issue moves them into SQLite.
 */
import { z } from 'zod';
import { event, operation } from './define';

const settingsShape = {
  /** Absolute path of ffmpeg chosen by the user; null = find it (FFMPEG_BIN → ffmpeg-static → PATH). */
  ffmpegPath: z.string().min(1).max(4096).nullable(),
  /** Absolute path of ffprobe; null = FFPROBE_BIN → beside ffmpeg → PATH. */
  ffprobePath: z.string().min(1).max(4096).nullable(),
  /** UI and generation language, a BCP 47 tag. */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR'),
  /** Use a hardware H.264 encoder when one works on this machine. */
  hardwareEncoding: z.boolean(),
};

export const Settings = z.object(settingsShape);
export type Settings = z.infer<typeof Settings>;

/** A partial update; unknown keys are refused so typos do not silently vanish. */
export const SettingsPatch = z.object(settingsShape).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = {
  ffmpegPath: null,
  ffprobePath: null,
  language: 'en',
  hardwareEncoding: true,
};

export const settingsOperations = {
  'settings.get': operation({
    doc: 'All settings, defaults filled in.',
    input: z.object({}).strict(),
    output: Settings,
  }),
  'settings.set': operation({
    doc: 'Changes some settings and returns all of them; emits settings.changed.',
    input: SettingsPatch,
    output: Settings,
  }),
};

export const settingsEvents = {
  'settings.changed': event({
    doc: 'Settings changed (from any window, shell or the CLI of this process).',
    payload: Settings,
  }),
};
