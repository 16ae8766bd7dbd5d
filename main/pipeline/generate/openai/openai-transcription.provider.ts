/**
 * Word timings from an OpenAI-compatible `audio.transcriptions` endpoint (`verbose_json` with
 * word timestamps).
 */
import { toFile } from 'openai';
import type { WordTiming } from '../../../../shared/contract/generate.contract';
import { AppError } from '../../../../shared/errors';
import type { CallOptions, TranscriptionProvider, TranscriptionRequest } from '../providers.types';
import type { OpenAiConnection } from './openai-client';

export class OpenAiTranscriptionProvider implements TranscriptionProvider {
  readonly name = 'openai-compatible';

  constructor(
    private readonly connection: OpenAiConnection,
    readonly model: string,
  ) {}

  async transcribe(
    request: TranscriptionRequest,
    options: CallOptions = {},
  ): Promise<WordTiming[]> {
    const result = await this.connection.call(
      'word timings',
      async () =>
        this.connection.client.audio.transcriptions.create(
          {
            file: await toFile(request.wav, 'voice.wav', { type: 'audio/wav' }),
            model: this.model,
            response_format: 'verbose_json',
            timestamp_granularities: ['word'],
            language: request.language.split('-')[0],
          },
          { signal: options.signal },
        ),
      options.signal,
    );
    options.onUsage?.({ requests: 1, audioSeconds: request.durationSec });
    const words = result.words ?? [];
    if (words.length === 0) {
      throw new AppError(
        'PROVIDER',
        `word timings: the server (${this.model}) returned no word timestamps.`,
      );
    }
    return words.map((w) => ({
      word: w.word.trim(),
      start: Math.max(0, w.start),
      end: Math.max(w.start, w.end),
    }));
  }
}
