/**
 * Voice-over from an OpenAI-compatible `audio.speech` endpoint, asked for WAV.
 */
import type { CallOptions, SpeechProvider, SpeechRequest, SpeechResult } from '../providers.types';
import { readWavInfo } from '../wav';
import type { OpenAiConnection } from './openai-client';

export class OpenAiSpeechProvider implements SpeechProvider {
  readonly name = 'openai-compatible';

  constructor(
    private readonly connection: OpenAiConnection,
    readonly model: string,
  ) {}

  async speak(request: SpeechRequest, options: CallOptions = {}): Promise<SpeechResult> {
    const wav = await this.connection.call(
      'voice',
      async () => {
        const response = await this.connection.client.audio.speech.create(
          {
            model: this.model,
            voice: request.voice,
            input: request.text,
            response_format: 'wav',
            speed: request.speed,
          },
          { signal: options.signal },
        );
        return Buffer.from(await response.arrayBuffer());
      },
      options.signal,
    );
    const { durationSec } = readWavInfo(wav);
    options.onUsage?.({ requests: 1, speechCharacters: request.text.length });
    return { wav, durationSec, words: null };
  }
}
