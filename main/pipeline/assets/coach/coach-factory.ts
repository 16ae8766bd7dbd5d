/**
 * Picks the coach engine: the OpenAI-compatible chat model of the settings (script provider and
 * model), the Reelsmith cloud (signed in, paid in credits), or the offline guided flow.
 */
import type { ProviderKind, Settings } from '../../../../shared/contract/settings.contract';
import { AppError } from '../../../../shared/errors';
import { OpenAiConnection, type OpenAiConfig } from '../../generate/openai/openai-client';
import { NOT_SIGNED_IN } from '../../generate/cloud/cloud-connection';
import { CloudCoach, type CoachCloudApi } from './cloud-coach';
import type { CoachEngine } from './coach.types';
import { OfflineCoach } from './offline-coach';
import { OpenAiCoach } from './openai-coach';

export interface CoachFactoryDeps {
  settings: () => Settings;
  apiKey: () => Promise<string | null>;
  /** The sync API client with the signed-in session; absent = no cloud in this process. */
  cloud?: () => CoachCloudApi;
  /** Overrides for tests (retry timing, timeouts). */
  openAi?: Partial<OpenAiConfig>;
}

export function createCoachFactory(deps: CoachFactoryDeps) {
  return async (kind?: ProviderKind): Promise<CoachEngine> => {
    const s = deps.settings();
    if ((kind ?? s.scriptProvider) === 'offline') return new OfflineCoach();
    if ((kind ?? s.scriptProvider) === 'cloud') {
      if (!deps.cloud) throw new AppError('UNAUTHORIZED', NOT_SIGNED_IN);
      return new CloudCoach(deps.cloud());
    }
    const apiKey = await deps.apiKey();
    if (!apiKey && s.openaiBaseUrl === null)
      throw new AppError(
        'UNAUTHORIZED',
        'No OpenAI API key for the coach: set one in Settings → Generation, choose a local server base URL, or use the offline coach.',
      );
    const connection = new OpenAiConnection({
      baseUrl: s.openaiBaseUrl,
      apiKey,
      concurrency: s.providerConcurrency,
      ...deps.openAi,
    });
    return new OpenAiCoach(connection, s.scriptModel);
  };
}
