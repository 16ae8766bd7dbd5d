/**
 * The four generation capabilities behind interfaces, so the job never knows whether an
 * OpenAI-compatible server, the cloud, or this machine alone does the work.
 */
import type { ProviderUsage, WordTiming } from '../../../shared/contract/generate.contract';
import type { Script } from './script.schema';

/** Adds to a job's usage; providers call it once per request they pay for. */
export type UsageSink = (usage: Partial<ProviderUsage>) => void;

export interface CallOptions {
  signal?: AbortSignal;
  /** Receives tokens, images, characters and seconds spent. */
  onUsage?: UsageSink;
}

export interface ScriptRequest {
  idea: string;
  style: string;
  targetDurationSec: number;
  /** BCP 47 tag of the narration language. */
  language: string;
}

export interface ScriptProvider {
  readonly name: string;
  readonly model: string;
  /** Writes a title and timed segments; rejects with a clear AppError after invalid output is retried. */
  writeScript(request: ScriptRequest, options?: CallOptions): Promise<Script>;
}

export interface ImageRequest {
  prompt: string;
  width: number;
  height: number;
  style: string;
  /** #rrggbb colours the picture should use. */
  brandColors: readonly string[];
  /** Big title text drawn by procedural providers; ignored by models. */
  title?: string;
}

export interface ImageResult {
  png: Buffer;
  /** The seed that reproduces this image, when the provider has one. */
  seed: number | null;
}

export interface ImageProvider {
  readonly name: string;
  readonly model: string;
  makeImage(request: ImageRequest, options?: CallOptions): Promise<ImageResult>;
}

export interface SpeechRequest {
  text: string;
  voice: string;
  /** 1 = normal. */
  speed: number;
  language: string;
}

export interface SpeechResult {
  /** A WAV file (PCM): every provider returns WAV so duration is read without ffprobe. */
  wav: Buffer;
  durationSec: number;
  /** Word timings when the engine gives them; else the job asks the transcription provider. */
  words: WordTiming[] | null;
}

export interface SpeechProvider {
  readonly name: string;
  readonly model: string;
  speak(request: SpeechRequest, options?: CallOptions): Promise<SpeechResult>;
}

export interface TranscriptionRequest {
  wav: Buffer;
  /** The text that was spoken (estimators use it; models may use it as a prompt). */
  text: string;
  durationSec: number;
  language: string;
}

export interface TranscriptionProvider {
  readonly name: string;
  readonly model: string;
  /** Word timings relative to the start of the audio. */
  transcribe(request: TranscriptionRequest, options?: CallOptions): Promise<WordTiming[]>;
}

/** One provider per capability, as settings (or a --provider override) chose them. */
export interface ProviderSet {
  script: ScriptProvider;
  image: ImageProvider;
  speech: SpeechProvider;
  transcription: TranscriptionProvider;
}
