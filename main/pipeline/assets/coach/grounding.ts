/**
 * What the coach looks up before it answers: the brand kit and the platform rules of the asset
 * type, as short facts (shown in the chat and given to the model).
 */
import type { AssetTypeId } from '../../../../shared/contract/assets.contract';
import type { BrandKit } from '../../../../shared/contract/brand-kits.contract';
import { ASSET_TYPES, formatBytesLimit } from '../../../../shared/presets/asset-types';
import type { CoachStep } from './coach.types';

/** The kit's colours, palette first: primary, secondary, accent, then the extended colours. */
export function brandColours(kit: BrandKit | null): string[] {
  if (!kit) return [];
  const { primary, secondary, accent } = kit.palette;
  const list = [primary, secondary, accent].filter((c): c is string => c !== null);
  for (const c of kit.colors) if (!list.includes(c.hex)) list.push(c.hex);
  return list;
}

/** Facts about the brand kit, one line each. */
export function brandFacts(kit: BrandKit): string[] {
  const facts = [`Brand kit “${kit.name}”.`];
  const { primary, secondary, accent } = kit.palette;
  const palette = [
    primary && `primary ${primary}`,
    secondary && `secondary ${secondary}`,
    accent && `accent ${accent}`,
  ].filter(Boolean);
  if (palette.length > 0) facts.push(`Palette: ${palette.join(', ')}.`);
  for (const c of kit.colors)
    facts.push(`Extra colour ${c.name} ${c.hex}${c.usage ? ` (${c.usage})` : ''}.`);
  if (kit.fonts.heading) facts.push(`Heading font: ${kit.fonts.heading}.`);
  if (kit.toneNotes.trim() !== '') facts.push(`Tone of voice: ${kit.toneNotes.trim()}`);
  return facts;
}

/** Facts about an asset type's platform rules. */
export function platformFacts(type: AssetTypeId): string[] {
  const spec = ASSET_TYPES[type];
  const sizes = spec.sizes.map((s) => `${String(s.width)}×${String(s.height)}`).join(', ');
  return [
    `${spec.label}: ${sizes} px, ${spec.format.toUpperCase()}${spec.transparent ? ' with transparent background' : ''}, at most ${formatBytesLimit(spec.maxBytes)} per file.`,
    spec.notes,
  ];
}

/** Emits the grounding steps and returns the facts found. */
export function ground(
  kit: BrandKit | null,
  type: AssetTypeId | undefined,
  emit: (step: CoachStep) => void,
): string[] {
  const facts: string[] = [];
  if (kit) {
    emit({ type: 'grounding', source: 'brand_kit', detail: `Reading brand kit “${kit.name}”` });
    facts.push(...brandFacts(kit));
  }
  if (type) {
    emit({
      type: 'grounding',
      source: 'platform_rules',
      detail: `Checking ${ASSET_TYPES[type].label} rules`,
    });
    facts.push(...platformFacts(type));
  }
  emit({ type: 'grounding_complete', facts });
  return facts;
}
