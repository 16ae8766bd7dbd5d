/**
 * Credits as the creator sees them: what a ledger line was, and whether a cloud action is
 * affordable before it runs.
 */

export type LedgerKind = 'charge' | 'refund' | 'grant';

/** Classifies a ledger line by its sign and the server's reason text. */
export function ledgerKind(entry: { delta: number; reason: string }): LedgerKind {
  if (entry.delta < 0) return 'charge';
  return /^refund\b/i.test(entry.reason) ? 'refund' : 'grant';
}

/** "+100", "−4" (a real minus sign, so screen readers say "minus"). */
export function formatDelta(delta: number): string {
  return delta > 0 ? `+${String(delta)}` : delta < 0 ? `−${String(-delta)}` : '0';
}

export interface CostNotice {
  affordable: boolean;
  /** One sentence shown beside the action's button before it runs. */
  text: string;
}

/**
 * The notice shown before a cloud action: its cost, and when the balance is short, why it
 * cannot run and what to do.
 */
export function costNotice(cost: number, balance: number | null): CostNotice {
  const credits = (n: number) => `${String(n)} credit${n === 1 ? '' : 's'}`;
  if (balance === null)
    return {
      affordable: false,
      text: `Costs ${credits(cost)}. Sign in to use cloud actions; offline generation is free.`,
    };
  if (balance >= cost)
    return {
      affordable: true,
      text: `Costs ${credits(cost)} · you have ${credits(balance)}, ${credits(balance - cost)} left after.`,
    };
  return {
    affordable: false,
    text:
      `Not enough credits: this costs ${credits(cost)} and you have ${credits(balance)} ` +
      `(${credits(cost - balance)} short). Nothing was charged. Switch this step to the offline ` +
      `provider, or add credits to your account.`,
  };
}

/** The generation steps that can run in the cloud, priced per call. */
export type CloudAction = 'script' | 'image' | 'speech' | 'transcription';

/**
 * Credits for generating one video in the cloud: one script, one image per scene, one
 * voice-over and one transcription for word timings.
 */
export function videoGenerationCost(
  prices: Partial<Record<CloudAction, number>>,
  scenes: number,
): number {
  const price = (action: CloudAction) => prices[action] ?? 0;
  return price('script') + scenes * price('image') + price('speech') + price('transcription');
}

/** The provider chosen in Settings for each step a regenerate can call. */
export interface RegenerateProviders {
  imageProvider: string;
  speechProvider: string;
  transcriptionProvider: string;
}

/**
 * Credits one editor regenerate costs, or null when none of its calls run in the cloud.
 *
 * An image is one image call; a voice is one speech call plus one transcription (its words are
 * timed again), each charged only when that step is set to the cloud.
 */
export function regenerateCost(
  what: 'image' | 'voice',
  providers: RegenerateProviders,
  prices: Partial<Record<CloudAction, number>>,
): number | null {
  const steps: [string, CloudAction][] =
    what === 'image'
      ? [[providers.imageProvider, 'image']]
      : [
          [providers.speechProvider, 'speech'],
          [providers.transcriptionProvider, 'transcription'],
        ];
  const cloudSteps = steps.filter(([provider]) => provider === 'cloud');
  if (cloudSteps.length === 0) return null;
  return cloudSteps.reduce((sum, [, action]) => sum + (prices[action] ?? 0), 0);
}

/**
 * "Not enough credits" in plain words from a PAYMENT_REQUIRED error's `{ balance, needed }`,
 * or null when the details are missing (then the error's own message is shown).
 */
export function shortOfCredits(what: string, details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const { balance, needed } = details as { balance?: unknown; needed?: unknown };
  if (typeof balance !== 'number' || typeof needed !== 'number') return null;
  const credits = (n: number) => `${String(n)} credit${n === 1 ? '' : 's'}`;
  return (
    `Not enough credits: ${what} costs ${credits(needed)} and you have ${credits(balance)}` +
    `${needed > balance ? ` (${credits(needed - balance)} short)` : ''}. Nothing was charged.`
  );
}
