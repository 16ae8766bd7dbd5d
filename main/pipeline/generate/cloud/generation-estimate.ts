/**
 * What an idea → project run will cost before it runs: the planned calls for the target length,
 * priced from the cloud's price list when the cloud does them, checked against the balance.
 */
import { generateApi, type GenerateAction } from '../../../../shared/api/generate.api';
import {
  plannedSegments,
  type GenerationEstimate,
} from '../../../../shared/contract/generate.contract';
import type { ProviderKind, Settings } from '../../../../shared/contract/settings.contract';
import { credits, notEnoughCredits, type CloudApi, type CloudConnection } from './cloud-connection';

type Kinds = Pick<
  Settings,
  'scriptProvider' | 'imageProvider' | 'speechProvider' | 'transcriptionProvider'
>;

/** Paid calls per capability for a run of this length (speech is timed by a transcription call). */
export function plannedCalls(durationSec: number): Record<GenerateAction, number> {
  const segments = plannedSegments(durationSec);
  return { script: 1, image: segments, speech: segments, transcription: segments };
}

/** The credits the cloud-made capabilities of a run cost, from a price list. */
export function cloudCredits(
  kinds: Kinds,
  durationSec: number,
  prices: Record<GenerateAction, number>,
): number {
  const calls = plannedCalls(durationSec);
  const onCloud: Record<GenerateAction, boolean> = {
    script: kinds.scriptProvider === 'cloud',
    image: kinds.imageProvider === 'cloud',
    speech: kinds.speechProvider === 'cloud',
    transcription: kinds.transcriptionProvider === 'cloud',
  };
  return (Object.keys(calls) as GenerateAction[]).reduce(
    (sum, action) => sum + (onCloud[action] ? calls[action] * prices[action] : 0),
    0,
  );
}

export async function fetchPrices(api: CloudApi): Promise<Record<GenerateAction, number>> {
  return (await api.call(generateApi.prices, {})).prices;
}

/**
 * Refuses a run the balance cannot pay for before anything is made or charged (a run half made
 * and half paid is worse than none).
 */
export async function checkCloudCredits(
  api: CloudApi,
  connection: CloudConnection,
  kinds: Kinds,
  durationSec: number,
): Promise<void> {
  if (!Object.values(kinds).includes('cloud')) return;
  await connection.assertSignedIn();
  const needed = cloudCredits(kinds, durationSec, await fetchPrices(api));
  const balance = await connection.balance();
  if (balance < needed) throw notEnoughCredits(needed, balance, 'this video');
}

export async function estimateGeneration(
  input: { provider: ProviderKind; durationSec: number },
  api: CloudApi,
  connection: CloudConnection,
): Promise<GenerationEstimate> {
  const segments = plannedSegments(input.durationSec);
  const calls = plannedCalls(input.durationSec);
  const signedIn = (await api.session()) !== null;
  const base = { provider: input.provider, segments, calls, signedIn };
  if (input.provider === 'offline') {
    return {
      ...base,
      calls: { script: 0, image: 0, speech: 0, transcription: 0 },
      credits: null,
      balance: null,
      enough: null,
      summary: 'Free: everything is made on this computer, no network.',
    };
  }
  if (input.provider === 'openai-compatible') {
    return {
      ...base,
      credits: null,
      balance: null,
      enough: null,
      summary:
        `Uses your API key (billed by your provider): 1 script request, ${String(segments)} images, ` +
        `${String(segments)} voice clips and ${String(segments)} word-timing requests.`,
    };
  }
  const needed = cloudCredits(
    {
      scriptProvider: 'cloud',
      imageProvider: 'cloud',
      speechProvider: 'cloud',
      transcriptionProvider: 'cloud',
    },
    input.durationSec,
    await fetchPrices(api),
  );
  const balance = signedIn ? await connection.balance() : null;
  const enough = balance === null ? null : balance >= needed;
  const plan = `1 script, ${String(segments)} images, ${String(segments)} voice clips and ${String(segments)} word timings`;
  const summary =
    balance === null
      ? `About ${credits(needed)} (${plan}). Sign in to use the cloud.`
      : enough
        ? `About ${credits(needed)} (${plan}) · you have ${credits(balance)}, ${credits(balance - needed)} left after.`
        : `Not enough credits: this needs about ${credits(needed)} (${plan}), you have ${credits(balance)}.`;
  return { ...base, credits: needed, balance, enough, summary };
}

/** Cost checks and estimates for the job service, over the process's cloud client. */
export class GenerationCosts {
  constructor(
    private readonly deps: {
      cloud: () => CloudApi;
      settings: () => Settings;
      connection: (settings: Settings) => CloudConnection;
    },
  ) {}

  /** Throws PAYMENT_REQUIRED (balance and needed in details) when the cloud part is unaffordable. */
  async check(overrides: Partial<Kinds>, durationSec: number): Promise<void> {
    const settings = { ...this.deps.settings(), ...overrides };
    if (!Object.values(pickKinds(settings)).includes('cloud')) return;
    await checkCloudCredits(
      this.deps.cloud(),
      this.deps.connection(settings),
      pickKinds(settings),
      durationSec,
    );
  }

  estimate(input: { provider: ProviderKind; durationSec: number }): Promise<GenerationEstimate> {
    return estimateGeneration(input, this.deps.cloud(), this.deps.connection(this.deps.settings()));
  }
}

function pickKinds(s: Kinds): Kinds {
  return {
    scriptProvider: s.scriptProvider,
    imageProvider: s.imageProvider,
    speechProvider: s.speechProvider,
    transcriptionProvider: s.transcriptionProvider,
  };
}
