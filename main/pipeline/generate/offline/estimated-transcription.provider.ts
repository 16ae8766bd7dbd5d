/**
 * Word timings without a model: estimated from syllables and scaled to the real audio length.
 */
import type { WordTiming } from '../../../../shared/contract/generate.contract';
import type { CallOptions, TranscriptionProvider, TranscriptionRequest } from '../providers.types';
import { estimateWordTimings } from './word-timing.estimator';

export class EstimatedTranscriptionProvider implements TranscriptionProvider {
  readonly name = 'offline';
  readonly model = 'syllable-estimate';

  transcribe(request: TranscriptionRequest, _options?: CallOptions): Promise<WordTiming[]> {
    return Promise.resolve(estimateWordTimings(request.text, request.durationSec));
  }
}
