/**
 * The coach behind an interface: an OpenAI-compatible chat model, or an offline guided flow.
 * Both emit the same events in the same order and end with the same brief shape.
 */
import type {
  AssetBrief,
  AssetTypeId,
  CoachEvent,
  CoachMessage,
} from '../../../../shared/contract/assets.contract';
import type { BrandKit } from '../../../../shared/contract/brand-kits.contract';

/** A coach event without its chat id (the service adds it). */
export type CoachStep = CoachEvent extends infer E
  ? E extends { chatId: string }
    ? Omit<E, 'chatId'>
    : never
  : never;

export interface CoachRequest {
  messages: readonly CoachMessage[];
  brandKit: BrandKit | null;
  assetType: AssetTypeId | undefined;
}

export interface CoachTurn {
  reply: string;
  brief: AssetBrief | null;
}

export interface CoachEngine {
  readonly name: string;
  /**
   * Answers the newest user message. Emits grounding, tokens and intent_ready through `emit`;
   * the service emits done or error. Rejects with an AppError (CANCELLED when `signal` fires).
   */
  reply(
    request: CoachRequest,
    emit: (step: CoachStep) => void,
    signal: AbortSignal,
  ): Promise<CoachTurn>;
}
