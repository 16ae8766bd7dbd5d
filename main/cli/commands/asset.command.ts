/**
 * `reelsmith asset`: one channel asset from a prompt, in every size its platform needs,
 * validated against the platform rules and written into a folder.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AssetBrief } from '../../../shared/contract/assets.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';
import { ASSET_TYPE_IDS, AssetTypeId } from '../../../shared/presets/asset-types';
import { DEFAULT_STYLE } from '../../pipeline/assets/coach/offline-coach';
import { createServices } from '../../services';
import { UsageError } from '../args';
import type { Command } from '../command';

const USAGE = [
  'reelsmith asset --type TYPE --prompt "..." -o DIR [--brand-kit ID] [--text T] [--style S]',
  '                [--variants N] [--pick N] [--provider offline|openai] [--json]',
  '',
  `  --type TYPE       ${ASSET_TYPE_IDS.join(', ')}`,
  '  --prompt TEXT     what the asset shows',
  '  -o, --output DIR  folder for the files (<type>_<W>x<H>.png or .jpg)',
  '  --brand-kit ID    use the brand kit colours, logo and font (ids are shown in the studio)',
  '  --text TEXT       words drawn on the asset (default none)',
  '  --style TEXT      look and feel (default: a style suited to the type)',
  '  --variants N      how many variants to generate, 1-6 (default 1)',
  '  --pick N          which variant to export, 1-based (default 1)',
  '  --provider KIND   offline or openai image provider (default: Settings)',
].join('\n');

function parseCount(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 6)
    throw new UsageError(
      `--${name} must be a whole number from 1 to 6, not ${JSON.stringify(value)}`,
    );
  return n;
}

function parseProvider(value: string | undefined): ProviderKind | undefined {
  if (value === undefined) return undefined;
  if (value === 'offline') return 'offline';
  if (value === 'openai' || value === 'openai-compatible') return 'openai-compatible';
  throw new UsageError(`--provider must be offline or openai, not ${JSON.stringify(value)}`);
}

export const assetCommand: Command = {
  name: 'asset',
  summary: 'Make a channel asset (emote, badge, banner, thumbnail…) in every platform size',
  usage: USAGE,
  async run({ args, globals, io, dataDir }) {
    const { values } = parseArgs({
      args,
      options: {
        type: { type: 'string' },
        prompt: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'brand-kit': { type: 'string' },
        text: { type: 'string' },
        style: { type: 'string' },
        variants: { type: 'string' },
        pick: { type: 'string' },
        provider: { type: 'string' },
      },
      strict: true,
    });
    const type = AssetTypeId.safeParse(values.type);
    if (!type.success) throw new UsageError(`--type must be one of ${ASSET_TYPE_IDS.join(', ')}`);
    if (!values.prompt) throw new UsageError('--prompt is required: what should the asset show?');
    if (!values.output) throw new UsageError('-o DIR is required: where to write the files');
    const count = parseCount('variants', values.variants, 1);
    const pick = parseCount('pick', values.pick, 1);
    if (pick > count)
      throw new UsageError(`--pick ${String(pick)} but only ${String(count)} variant(s)`);
    const parsed = AssetBrief.safeParse({
      assetType: type.data,
      subject: values.prompt,
      style: values.style ?? DEFAULT_STYLE[type.data],
      text: values.text ?? '',
      colors: [],
    });
    if (!parsed.success)
      throw new UsageError(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const brief = parsed.data;
    const brandKitId = values['brand-kit'] ?? null;
    const services = createServices({ dataDir, shell: 'cli', env: io.env });
    try {
      if (brandKitId) services.brandKits.get(brandKitId);
      const off = services.events.on('assets.progress', (p) => {
        if (!globals.json && io.isTTY)
          io.stderr.write(
            `\r${p.phase} ${String(p.done)}/${String(p.total)} ${p.detail ?? ''}`.padEnd(60),
          );
      });
      const generated = await services.assets.generate({
        brief,
        brandKitId,
        count,
        provider: parseProvider(values.provider),
      });
      const variant = generated.variants[pick - 1];
      if (!variant) throw new UsageError(`No variant ${String(pick)} was generated`);
      const result = await services.assets.exportToFolder(
        { variantId: variant.id, brief, brandKitId },
        path.resolve(values.output),
      );
      off();
      if (!globals.json && io.isTTY) io.stderr.write('\n');
      if (globals.json) {
        io.stdout.write(`${JSON.stringify({ brief, variants: count, picked: pick, ...result })}\n`);
      } else {
        for (const f of result.files)
          io.stdout.write(
            `${f.path}  ${String(f.width)}×${String(f.height)} ${f.format} ${String(f.bytes)} bytes${f.transparent ? ' transparent' : ''}\n`,
          );
        for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};
