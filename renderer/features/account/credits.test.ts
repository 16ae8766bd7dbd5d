import { describe, expect, it } from 'vitest';
import {
  costNotice,
  formatDelta,
  ledgerKind,
  regenerateCost,
  shortOfCredits,
  videoGenerationCost,
} from './credits';

describe('credits', () => {
  it('classifies ledger lines', () => {
    expect(ledgerKind({ delta: 100, reason: 'signup grant' })).toBe('grant');
    expect(ledgerKind({ delta: -4, reason: 'generate image' })).toBe('charge');
    expect(ledgerKind({ delta: 4, reason: 'refund: generate image failed' })).toBe('refund');
  });

  it('formats deltas with a sign', () => {
    expect(formatDelta(100)).toBe('+100');
    expect(formatDelta(-4)).toBe('−4');
    expect(formatDelta(0)).toBe('0');
  });

  it('shows the cost and the balance left before an affordable action', () => {
    expect(costNotice(4, 10)).toEqual({
      affordable: true,
      text: 'Costs 4 credits · you have 10 credits, 6 credits left after.',
    });
    expect(costNotice(1, 1).text).toContain('0 credits left');
  });

  it('explains "not enough credits" with the shortfall', () => {
    const notice = costNotice(4, 1);
    expect(notice.affordable).toBe(false);
    expect(notice.text).toMatch(
      /^Not enough credits: this costs 4 credits and you have 1 credit \(3 credits short\)/,
    );
  });

  it('asks to sign in when there is no balance', () => {
    expect(costNotice(2, null)).toMatchObject({ affordable: false });
    expect(costNotice(2, null).text).toMatch(/Sign in/);
  });

  it('prices a whole cloud-generated video', () => {
    const prices = { script: 1, image: 4, speech: 2, transcription: 2 };
    expect(videoGenerationCost(prices, 8)).toBe(37);
    expect(videoGenerationCost({}, 8)).toBe(0);
  });

  it('prices an editor regenerate by the steps set to the cloud', () => {
    const prices = { image: 4, speech: 2, transcription: 2, script: 1 };
    const offline = {
      imageProvider: 'offline',
      speechProvider: 'offline',
      transcriptionProvider: 'offline',
    };
    expect(regenerateCost('image', offline, prices)).toBeNull();
    expect(regenerateCost('voice', offline, prices)).toBeNull();
    const cloud = {
      imageProvider: 'cloud',
      speechProvider: 'cloud',
      transcriptionProvider: 'cloud',
    };
    expect(regenerateCost('image', cloud, prices)).toBe(4);
    expect(regenerateCost('voice', cloud, prices)).toBe(4);
    // Only the voice in the cloud, its words timed offline: the speech call alone is charged.
    expect(regenerateCost('voice', { ...offline, speechProvider: 'cloud' }, prices)).toBe(2);
    expect(regenerateCost('voice', { ...cloud, imageProvider: 'offline' }, prices)).toBe(4);
  });

  it('explains a PAYMENT_REQUIRED refusal from its balance and needed', () => {
    expect(shortOfCredits('this image', { balance: 1, needed: 4 })).toBe(
      'Not enough credits: this image costs 4 credits and you have 1 credit (3 credits short). Nothing was charged.',
    );
    expect(shortOfCredits('this image', { balance: 1 })).toBeNull();
    expect(shortOfCredits('this image', undefined)).toBeNull();
  });
});
