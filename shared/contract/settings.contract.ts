/**
 * `settings.*`: typed user settings. Persisted as JSON in the data folder until the library
 * issue moves them into SQLite.
 */
import { z } from 'zod';
import { event, operation } from './define';

/**
 * Who does a generation capability: any OpenAI-compatible server, the Reelsmith cloud (the sync
 * API, paid in credits, needs a signed-in account), or this machine alone.
 */
export const ProviderKind = z.enum(['openai-compatible', 'cloud', 'offline']);
export type ProviderKind = z.infer<typeof ProviderKind>;

const modelName = z.string().min(1).max(200);

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
  /** Who writes scripts (an LLM through the OpenAI API, or offline templates). */
  scriptProvider: ProviderKind,
  /** Who makes images (an image model, or offline procedural pictures). */
  imageProvider: ProviderKind,
  /** Who speaks the voice-over (a TTS model, or the OS speech engine). */
  speechProvider: ProviderKind,
  /** Who times words (a transcription model, or an estimate from syllables). */
  transcriptionProvider: ProviderKind,
  /** Base URL of the OpenAI-compatible server; null = api.openai.com (Ollama: http://127.0.0.1:11434/v1). */
  openaiBaseUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable(),
  scriptModel: modelName,
  imageModel: modelName,
  speechModel: modelName,
  transcriptionModel: modelName,
  /** Voice name for the speech provider (OpenAI: alloy, nova ...; offline: an espeak-ng/say voice or "default"). */
  voice: z.string().min(1).max(100),
  /** Tone asked of the script writer when an idea does not say. */
  defaultStyle: z.string().min(1).max(200),
  /** Target video length in seconds when an idea does not say. */
  defaultDurationSec: z.number().int().min(10).max(180),
  /** Requests in flight at once per provider (images are generated in parallel up to this). */
  providerConcurrency: z.number().int().min(1).max(8),
  /** Base URL of the hosted sync API; null = the sync API this studio runs itself on 127.0.0.1. */
  cloudUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable(),
  /** Port of the embedded sync API; chosen once and kept so stored URLs survive a restart. */
  syncPort: z.number().int().min(1024).max(65535).nullable(),
  /** Upload parts sent at once per item. */
  uploadParallelParts: z.number().int().min(1).max(8),
  /** Upload bandwidth limit over the whole queue, in KiB/s; 0 = unlimited. */
  uploadLimitKiBps: z.number().int().min(0).max(10_000_000),
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
  scriptProvider: 'offline',
  imageProvider: 'offline',
  speechProvider: 'offline',
  transcriptionProvider: 'offline',
  openaiBaseUrl: null,
  scriptModel: 'gpt-4o-mini',
  imageModel: 'gpt-image-1',
  speechModel: 'gpt-4o-mini-tts',
  transcriptionModel: 'whisper-1',
  voice: 'alloy',
  defaultStyle: 'upbeat and informative',
  defaultDurationSec: 45,
  providerConcurrency: 2,
  cloudUrl: null,
  syncPort: null,
  uploadParallelParts: 3,
  uploadLimitKiBps: 0,
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
