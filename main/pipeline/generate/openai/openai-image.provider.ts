/**
 * Images from an OpenAI-compatible images endpoint, returned as base64 PNG (`b64_json`).
 */
import { AppError } from '../../../../shared/errors';
import type { CallOptions, ImageProvider, ImageRequest, ImageResult } from '../providers.types';
import type { OpenAiConnection } from './openai-client';

/** Sizes image models accept; a vertical request gets the tallest one. */
function modelSize(request: ImageRequest): '1024x1536' | '1024x1792' | '1024x1024' {
  return 'portrait' === orientation(request) ? '1024x1536' : '1024x1024';
}

function orientation(request: ImageRequest): 'portrait' | 'square' {
  return request.height > request.width ? 'portrait' : 'square';
}

export class OpenAiImageProvider implements ImageProvider {
  readonly name = 'openai-compatible';

  constructor(
    private readonly connection: OpenAiConnection,
    readonly model: string,
  ) {}

  async makeImage(request: ImageRequest, options: CallOptions = {}): Promise<ImageResult> {
    const colours =
      request.brandColors.length > 0 ? ` Colour palette: ${request.brandColors.join(', ')}.` : '';
    const prompt = `${request.prompt}. Style: ${request.style}. Vertical composition, no text.${colours}`;
    // dall-e models need response_format to return base64; gpt-image models always do and refuse the field.
    const wantsFormat = !this.model.startsWith('gpt-image');
    const size = this.model === 'dall-e-3' ? '1024x1792' : modelSize(request);
    const response = await this.connection.call(
      'image',
      () =>
        this.connection.client.images.generate(
          {
            model: this.model,
            prompt,
            n: 1,
            size,
            ...(wantsFormat ? { response_format: 'b64_json' as const } : {}),
          },
          { signal: options.signal },
        ),
      options.signal,
    );
    options.onUsage?.({ requests: 1, images: 1 });
    const b64 = response.data?.[0]?.b64_json;
    if (!b64)
      throw new AppError('PROVIDER', `image: the server (${this.model}) returned no image data.`);
    return { png: Buffer.from(b64, 'base64'), seed: null };
  }
}
