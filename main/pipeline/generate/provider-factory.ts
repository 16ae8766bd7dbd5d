/**
 * Builds the provider for each capability from the settings (or a one-off override): an
 * OpenAI-compatible server, the Reelsmith cloud (credits), or this machine alone.
 */
import type { ProviderKind, Settings } from '../../../shared/contract/settings.contract';
import { AppError } from '../../../shared/errors';
import { CloudConnection, NOT_SIGNED_IN, type CloudApi } from './cloud/cloud-connection';
import {
  CloudImageProvider,
  CloudScriptProvider,
  CloudSpeechProvider,
  CloudTranscriptionProvider,
} from './cloud/cloud-providers';
import { EstimatedTranscriptionProvider } from './offline/estimated-transcription.provider';
import { OfflineImageProvider } from './offline/offline-image.provider';
import { OfflineScriptProvider } from './offline/offline-script.provider';
import { findSpeechEngine, OfflineSpeechProvider } from './offline/offline-speech.provider';
import { OpenAiConnection, type OpenAiConfig } from './openai/openai-client';
import { OpenAiImageProvider } from './openai/openai-image.provider';
import { OpenAiScriptProvider } from './openai/openai-script.provider';
import { OpenAiSpeechProvider } from './openai/openai-speech.provider';
import { OpenAiTranscriptionProvider } from './openai/openai-transcription.provider';
import type {
  ImageProvider,
  ProviderSet,
  ScriptProvider,
  SpeechProvider,
  TranscriptionProvider,
} from './providers.types';

export interface ProviderFactoryDeps {
  settings: () => Settings;
  /** The OpenAI API key (environment, keychain or file fallback), or null. */
  apiKey: () => Promise<string | null>;
  /** Resolves ffmpeg for offline images; rejects with FFMPEG_NOT_FOUND. */
  ffmpeg: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Overrides for tests (retry timing, timeouts). */
  openAi?: Partial<OpenAiConfig>;
  /** The sync API client with the signed-in session; absent = no cloud in this process. */
  cloud?: () => CloudApi;
}

/** The cloud connection for the settings' concurrency; refuses clearly when it cannot work. */
export function cloudConnection(deps: ProviderFactoryDeps, settings: Settings): CloudConnection {
  if (!deps.cloud) throw new AppError('UNAUTHORIZED', NOT_SIGNED_IN);
  return new CloudConnection(deps.cloud(), {
    concurrency: settings.providerConcurrency,
    retry: deps.openAi?.retry,
  });
}

/** Settings a single job may override (the CLI's --provider, --base-url, --model). */
export type ProviderOverrides = Partial<
  Pick<
    Settings,
    | 'scriptProvider'
    | 'imageProvider'
    | 'speechProvider'
    | 'transcriptionProvider'
    | 'openaiBaseUrl'
    | 'scriptModel'
  >
>;

/** Every capability on one provider kind. */
export function allOn(kind: ProviderKind): ProviderOverrides {
  return {
    scriptProvider: kind,
    imageProvider: kind,
    speechProvider: kind,
    transcriptionProvider: kind,
  };
}

export type ProviderFactory = (overrides?: ProviderOverrides) => Promise<ProviderSet>;

export function createProviderFactory(deps: ProviderFactoryDeps): ProviderFactory {
  return async (overrides = {}) => {
    const s: Settings = { ...deps.settings(), ...overrides };
    const kinds = {
      script: s.scriptProvider,
      image: s.imageProvider,
      speech: s.speechProvider,
      transcription: s.transcriptionProvider,
    };
    let connection: OpenAiConnection | null = null;
    if (Object.values(kinds).includes('openai-compatible')) {
      const apiKey = await deps.apiKey();
      if (!apiKey && s.openaiBaseUrl === null) {
        throw new AppError(
          'UNAUTHORIZED',
          'No OpenAI API key: set one in Settings → Generation (or OPENAI_API_KEY), choose a local server ' +
            'base URL (Ollama, LM Studio), or use --provider offline.',
        );
      }
      connection = new OpenAiConnection({
        baseUrl: s.openaiBaseUrl,
        apiKey,
        concurrency: s.providerConcurrency,
        ...deps.openAi,
      });
    }
    let cloud: CloudConnection | null = null;
    if (Object.values(kinds).includes('cloud')) {
      cloud = cloudConnection(deps, s);
      await cloud.assertSignedIn();
    }
    const pick = <T>(
      kind: ProviderKind,
      make: { openai: (c: OpenAiConnection) => T; cloud: (c: CloudConnection) => T },
      offline: () => T,
    ): T =>
      kind === 'openai-compatible' && connection
        ? make.openai(connection)
        : kind === 'cloud' && cloud
          ? make.cloud(cloud)
          : offline();
    return {
      script: pick<ScriptProvider>(
        kinds.script,
        {
          openai: (c) => new OpenAiScriptProvider(c, s.scriptModel),
          cloud: (c) => new CloudScriptProvider(c),
        },
        () => new OfflineScriptProvider(),
      ),
      image: pick<ImageProvider>(
        kinds.image,
        {
          openai: (c) => new OpenAiImageProvider(c, s.imageModel),
          cloud: (c) => new CloudImageProvider(c),
        },
        () => new OfflineImageProvider({ ffmpeg: deps.ffmpeg }),
      ),
      speech: pick<SpeechProvider>(
        kinds.speech,
        {
          openai: (c) => new OpenAiSpeechProvider(c, s.speechModel),
          cloud: (c) => new CloudSpeechProvider(c),
        },
        () => new OfflineSpeechProvider(findSpeechEngine(deps.env)),
      ),
      transcription: pick<TranscriptionProvider>(
        kinds.transcription,
        {
          openai: (c) => new OpenAiTranscriptionProvider(c, s.transcriptionModel),
          cloud: (c) => new CloudTranscriptionProvider(c),
        },
        () => new EstimatedTranscriptionProvider(),
      ),
    };
  };
}
