/**
 * The eleven asset types with their platform rules (sizes, format, transparency, byte limit).
 */
import {
  ASSET_TYPE_IDS,
  ASSET_TYPES,
  formatBytesLimit,
  type AssetTypeId,
} from '../../../shared/presets/asset-types';

export function sizesOf(id: AssetTypeId): string {
  return ASSET_TYPES[id].sizes.map((s) => `${String(s.width)}×${String(s.height)}`).join(', ');
}

export function AssetTypePicker(props: {
  value: AssetTypeId;
  onChange: (id: AssetTypeId) => void;
}) {
  const spec = ASSET_TYPES[props.value];
  return (
    <section className="panel" aria-labelledby="asset-type-heading">
      <h2 id="asset-type-heading">Asset type</h2>
      <div className="type-grid" role="radiogroup" aria-label="Asset type">
        {ASSET_TYPE_IDS.map((id) => (
          <label key={id} className={`type-card${id === props.value ? ' selected' : ''}`}>
            <input
              type="radio"
              name="asset-type"
              value={id}
              checked={id === props.value}
              onChange={() => props.onChange(id)}
            />
            <span className="type-label">{ASSET_TYPES[id].label}</span>
            <span className="small muted">{sizesOf(id)}</span>
          </label>
        ))}
      </div>
      <p className="small muted" data-testid="asset-rules">
        {spec.label}: {sizesOf(props.value)} px · {spec.format.toUpperCase()}
        {spec.transparent ? ' · transparent' : ''} · max {formatBytesLimit(spec.maxBytes)} per file
        · {spec.notes}
      </p>
    </section>
  );
}
