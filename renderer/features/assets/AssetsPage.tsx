/**
 * The asset studio: brand kit, asset type, coach chat, variants and export, top to bottom.
 */
import { useState } from 'react';
import type { AssetBrief } from '../../../shared/contract/assets.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';
import type { AssetTypeId } from '../../../shared/presets/asset-types';
import { AssetTypePicker } from './AssetTypePicker';
import { BrandKitEditor } from './BrandKitEditor';
import { CoachPane } from './CoachPane';
import { useCoach } from './use-coach';
import { VariantsPanel } from './VariantsPanel';

export default function AssetsPage() {
  const [brandKitId, setBrandKitId] = useState<string | null>(null);
  const [assetType, setAssetType] = useState<AssetTypeId>('twitch_emote');
  const [provider, setProvider] = useState<ProviderKind>('offline');
  const [brief, setBrief] = useState<AssetBrief | null>(null);
  const coach = useCoach({
    brandKitId,
    assetType,
    provider,
    onBrief: (b) => {
      setBrief(b);
      setAssetType(b.assetType);
    },
  });
  return (
    <section className="page assets-page">
      <h1>Asset studio</h1>
      <BrandKitEditor selectedId={brandKitId} onSelect={setBrandKitId} />
      <AssetTypePicker
        value={assetType}
        onChange={(id) => {
          setAssetType(id);
          setBrief((b) => (b ? { ...b, assetType: id } : b));
        }}
      />
      <CoachPane
        coach={coach}
        provider={provider}
        onProvider={setProvider}
        brief={brief}
        onBrief={setBrief}
      />
      <VariantsPanel brief={brief} brandKitId={brandKitId} provider={provider} />
    </section>
  );
}
