/**
 * The offline coach: a guided, form-like conversation without any model. It asks for what the
 * brief still lacks (asset type, subject, style, text, colours), one question per turn, reading
 * each user answer as the answer to the question before it, and produces the same brief the
 * model-backed coach does.
 */
import {
  ASSET_TYPE_IDS,
  type AssetBrief,
  type AssetTypeId,
} from '../../../../shared/contract/assets.contract';
import { AppError } from '../../../../shared/errors';
import { ASSET_TYPES } from '../../../../shared/presets/asset-types';
import type { CoachEngine, CoachRequest, CoachStep, CoachTurn } from './coach.types';
import { brandColours, ground } from './grounding';

type Slot = 'assetType' | 'subject' | 'style' | 'text' | 'colors';
const SLOTS: readonly Slot[] = ['assetType', 'subject', 'style', 'text', 'colors'];

interface Draft {
  assetType: AssetTypeId | null;
  subject: string | null;
  style: string | null;
  text: string | null;
  colors: string[] | null;
}

/** Keywords naming an asset type, most specific first. */
const TYPE_WORDS: readonly [RegExp, AssetTypeId][] = [
  [/\bemotes?\b/i, 'twitch_emote'],
  [/\b(sub\s*)?badges?\b/i, 'twitch_badge'],
  [/\bpanels?\b/i, 'twitch_panel'],
  [/\boffline\b/i, 'twitch_offline'],
  [/\bbanners?\b/i, 'twitch_banner'],
  [/\bthumbnails?\b/i, 'youtube_thumbnail'],
  [/\boverlays?\b/i, 'overlay'],
  [/\btik\s*tok\b/i, 'tiktok_story'],
  [/\b(insta(gram)?\s+)?reel( cover)?\b/i, 'instagram_reel'],
  [/\binsta(gram)?\b/i, 'instagram_story'],
  [/\bstor(y|ies)\b/i, 'story_graphic'],
];

const SKIP = /^\s*(skip|none|no|nothing|-|default|brand|n\/a)\s*[.!]?\s*$/i;
const HEX = /#[0-9a-fA-F]{6}\b/g;

export const DEFAULT_STYLE: Record<AssetTypeId, string> = {
  twitch_emote: 'bold cartoon, thick dark outlines, flat colours',
  twitch_badge: 'simple flat icon, thick outline',
  twitch_panel: 'clean flat header with a subtle texture',
  twitch_banner: 'wide cinematic illustration',
  twitch_offline: 'calm illustrated scene',
  youtube_thumbnail: 'high-contrast, dramatic lighting',
  overlay: 'clean frame with glowing edges',
  story_graphic: 'bold vertical poster',
  tiktok_story: 'bold vertical poster',
  instagram_story: 'bold vertical poster',
  instagram_reel: 'bold vertical cover',
};

/** The asset type a message names, if any. */
export function detectAssetType(text: string): AssetTypeId | null {
  const id = text.trim().toLowerCase().replace(/\s+/g, '_');
  if ((ASSET_TYPE_IDS as readonly string[]).includes(id)) return id as AssetTypeId;
  for (const [pattern, type] of TYPE_WORDS) if (pattern.test(text)) return type;
  return null;
}

function nextSlot(draft: Draft): Slot | null {
  return SLOTS.find((slot) => draft[slot] === null) ?? null;
}

/** Fills the draft from the user's answers, in order. */
export function readAnswers(request: CoachRequest): Draft {
  const draft: Draft = {
    assetType: request.assetType ?? null,
    subject: null,
    style: null,
    text: null,
    colors: null,
  };
  const palette = brandColours(request.brandKit);
  for (const message of request.messages) {
    if (message.role !== 'user') continue;
    const answer = message.content.trim();
    const slot = nextSlot(draft);
    if (slot === null || answer === '') continue;
    switch (slot) {
      case 'assetType':
      case 'subject': {
        draft.assetType ??= detectAssetType(answer);
        // A message that only names a type ("an emote") leaves the subject to ask for.
        const onlyType = /^(an?\s+|the\s+)?[\w\s]{0,24}$/i.test(answer) && detectAssetType(answer);
        if (draft.assetType !== null && !onlyType) draft.subject = answer.slice(0, 500);
        break;
      }
      case 'style':
        draft.style = SKIP.test(answer) ? '' : answer.slice(0, 200);
        break;
      case 'text':
        draft.text = SKIP.test(answer) ? '' : answer.replace(/^["“']|["”']$/g, '').slice(0, 40);
        break;
      case 'colors': {
        const hexes = answer.match(HEX)?.map((h) => h.toLowerCase()) ?? [];
        draft.colors = hexes.length > 0 ? hexes.slice(0, 6) : palette.slice(0, 6);
        break;
      }
    }
  }
  return draft;
}

function question(slot: Slot, draft: Draft, request: CoachRequest): string {
  switch (slot) {
    case 'assetType':
      return 'Which asset are we making? A Twitch emote, sub badge, panel, banner or offline screen, a YouTube thumbnail, a stream overlay, or a TikTok/Instagram story or reel cover?';
    case 'subject':
      return `What should the ${draft.assetType ? ASSET_TYPES[draft.assetType].label.toLowerCase() : 'asset'} show? One clear subject works best.`;
    case 'style':
      return 'What style? For example bold cartoon with thick outlines, neon, pixel art — or say “skip” for the usual look.';
    case 'text':
      return draft.assetType === 'twitch_emote' || draft.assetType === 'twitch_badge'
        ? 'Any text on it? At 28 px words are hard to read, so one short word at most — or say “none”.'
        : 'What text goes on it? A few words at most — or say “none”.';
    case 'colors': {
      const palette = brandColours(request.brandKit);
      return palette.length > 0
        ? `Which colours? Give hex codes like #ff0044, or say “brand” for your kit (${palette.slice(0, 3).join(', ')}).`
        : 'Which colours? Give hex codes like #ff0044, or say “skip”.';
    }
  }
}

function toBrief(draft: Draft): AssetBrief | null {
  if (
    draft.assetType === null ||
    draft.subject === null ||
    draft.style === null ||
    draft.text === null ||
    draft.colors === null
  )
    return null;
  return {
    assetType: draft.assetType,
    subject: draft.subject,
    style: draft.style === '' ? DEFAULT_STYLE[draft.assetType] : draft.style,
    text: draft.text,
    colors: draft.colors,
  };
}

/** Splits text into word tokens with their trailing spaces, like a streaming model. */
export function wordTokens(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

export class OfflineCoach implements CoachEngine {
  readonly name = 'offline';

  reply(
    request: CoachRequest,
    emit: (step: CoachStep) => void,
    signal: AbortSignal,
  ): Promise<CoachTurn> {
    const draft = readAnswers(request);
    ground(request.brandKit, draft.assetType ?? undefined, emit);
    const brief = toBrief(draft);
    const slot = nextSlot(draft);
    const reply =
      brief === null && slot !== null
        ? question(slot, draft, request)
        : `Here is the brief: a ${ASSET_TYPES[brief?.assetType ?? 'twitch_emote'].label.toLowerCase()} showing ${brief?.subject ?? ''}, ${brief?.style ?? ''}${brief?.text ? `, with the text “${brief.text}”` : ', no text'}${brief && brief.colors.length > 0 ? `, in ${brief.colors.join(', ')}` : ''}. Generate when you are ready.`;
    for (const token of wordTokens(reply)) {
      if (signal.aborted) throw new AppError('CANCELLED', 'The coach was stopped.');
      emit({ type: 'token', text: token });
    }
    if (brief) emit({ type: 'intent_ready', brief });
    return Promise.resolve({ reply, brief });
  }
}
