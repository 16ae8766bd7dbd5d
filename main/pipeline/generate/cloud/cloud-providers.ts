/**
 * The four generation capabilities over the Reelsmith cloud (`POST /v1/generate/*`): the same
 * prompts as the OpenAI-compatible providers, paid in credits per call.
 */
import type { WordTiming } from '../../../../shared/contract/generate.contract';
import { AppError } from '../../../../shared/errors';
import { parseScriptReply, scriptPrompt } from '../openai/openai-script.provider';
import type {
  CallOptions,
  ImageProvider,
  ImageRequest,
  ImageResult,
  ScriptProvider,
  ScriptRequest,
  SpeechProvider,
  SpeechRequest,
  SpeechResult,
  TranscriptionProvider,
  TranscriptionRequest,
} from '../providers.types';
import type { Script } from '../script.schema';
import { readWavInfo } from '../wav';
import type { CloudConnection } from './cloud-connection';

const NAME = 'cloud';

export class CloudScriptProvider implements ScriptProvider {
  readonly name = NAME;
  readonly model = 'reelsmith-cloud-script';

  constructor(
    private readonly cloud: CloudConnection,
    /** Each attempt is a paid call, so an unusable reply is asked again only once. */
    private readonly maxAttempts = 2,
  ) {}

  async writeScript(request: ScriptRequest, options: CallOptions = {}): Promise<Script> {
    const [system, user] = scriptPrompt(request);
    let prompt = user?.content ?? request.idea;
    let problem = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const reply = await this.cloud.call(
        'script',
        { prompt, system: system?.content },
        options.signal,
      );
      options.onUsage?.({ requests: 1 });
      const result = parseScriptReply(reply.text);
      if (typeof result !== 'string') return result;
      problem = result;
      prompt =
        `${user?.content ?? request.idea}\n\nA previous reply was invalid (${result}). ` +
        'Reply with JSON that matches the format exactly.';
    }
    throw new AppError(
      'PROVIDER',
      `script (cloud): the model returned an unusable script ${String(this.maxAttempts)} times; last problem: ${problem}`,
    );
  }
}

export class CloudImageProvider implements ImageProvider {
  readonly name = NAME;
  readonly model = 'reelsmith-cloud-image';

  constructor(private readonly cloud: CloudConnection) {}

  async makeImage(request: ImageRequest, options: CallOptions = {}): Promise<ImageResult> {
    const colours =
      request.brandColors.length > 0 ? ` Colour palette: ${request.brandColors.join(', ')}.` : '';
    const prompt = `${request.prompt}. Style: ${request.style}. Vertical composition, no text.${colours}`;
    const size =
      request.height > request.width
        ? '1024x1792'
        : request.width > request.height
          ? '1792x1024'
          : '1024x1024';
    const reply = await this.cloud.call(
      'image',
      { prompt: prompt.slice(0, 4000), size },
      options.signal,
    );
    options.onUsage?.({ requests: 1, images: 1 });
    const png = Buffer.from(reply.imageBase64, 'base64');
    if (png.length === 0)
      throw new AppError('PROVIDER', 'image (cloud): the server returned no image data.');
    return { png, seed: null };
  }
}

export class CloudSpeechProvider implements SpeechProvider {
  readonly name = NAME;
  readonly model = 'reelsmith-cloud-speech';

  constructor(private readonly cloud: CloudConnection) {}

  async speak(request: SpeechRequest, options: CallOptions = {}): Promise<SpeechResult> {
    const reply = await this.cloud.call(
      'speech',
      { text: request.text.slice(0, 4096), voice: request.voice.slice(0, 40), format: 'wav' },
      options.signal,
    );
    options.onUsage?.({ requests: 1, speechCharacters: request.text.length });
    const wav = Buffer.from(reply.audioBase64, 'base64');
    if (wav.subarray(0, 4).toString('latin1') !== 'RIFF') {
      throw new AppError(
        'PROVIDER',
        `voice (cloud): the server sent ${reply.contentType} audio, not the WAV that was asked for.`,
      );
    }
    return { wav, durationSec: readWavInfo(wav).durationSec, words: null };
  }
}

export class CloudTranscriptionProvider implements TranscriptionProvider {
  readonly name = NAME;
  readonly model = 'reelsmith-cloud-transcription';

  constructor(private readonly cloud: CloudConnection) {}

  async transcribe(
    request: TranscriptionRequest,
    options: CallOptions = {},
  ): Promise<WordTiming[]> {
    const reply = await this.cloud.call(
      'transcription',
      { audioBase64: request.wav.toString('base64'), filename: 'voice.wav' },
      options.signal,
    );
    options.onUsage?.({ requests: 1, audioSeconds: request.durationSec });
    if (reply.words.length === 0)
      throw new AppError('PROVIDER', 'word timings (cloud): the server returned no word timings.');
    return reply.words.map((w) => ({
      word: w.word.trim(),
      start: Math.max(0, w.start),
      end: Math.max(w.start, w.end),
    }));
  }
}
