/**
 * The focus point of a crop: a 16:9 source frame with the part a vertical (or square) preset
 * keeps drawn on it. Drag or click to move it; the two sliders do the same from the keyboard.
 */
import type { PointerEvent } from 'react';
import type { MontagePreset } from '../../../shared/contract/montage.contract';
import { PRESETS } from '../../../shared/presets';

export interface Focus {
  x: number;
  y: number;
}

/** Width and height of the kept window as fractions of a 16:9 source. */
function keptWindow(preset: MontagePreset): { w: number; h: number } {
  const p = PRESETS[preset];
  const out = p.width / p.height;
  const source = 16 / 9;
  return out < source ? { w: out / source, h: 1 } : { w: 1, h: source / out };
}

export function FocusPicker(props: {
  preset: MontagePreset;
  focus: Focus;
  onChange: (focus: Focus) => void;
}) {
  const { w, h } = keptWindow(props.preset);
  const { focus } = props;
  const fromPointer = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 100) / 100;
    props.onChange({
      x: clamp((event.clientX - box.left) / box.width),
      y: clamp((event.clientY - box.top) / box.height),
    });
  };
  const percent = (v: number) => `${String(Math.round(v * 100))}%`;
  return (
    <fieldset>
      <legend>Crop focus</legend>
      <div
        className="focus-picker"
        data-testid="focus-picker"
        aria-hidden="true"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          fromPointer(e);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) fromPointer(e);
        }}
      >
        <div
          className="focus-window"
          style={{
            left: percent(focus.x * (1 - w)),
            width: percent(w),
            top: percent(focus.y * (1 - h)),
            height: percent(h),
          }}
        />
        <div className="focus-dot" style={{ left: percent(focus.x), top: percent(focus.y) }} />
      </div>
      <label className="field">
        Focus left–right
        <input
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={focus.x}
          aria-valuetext={percent(focus.x)}
          onChange={(e) => props.onChange({ ...focus, x: Number(e.target.value) })}
        />
      </label>
      <label className="field">
        Focus top–bottom
        <input
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={focus.y}
          aria-valuetext={percent(focus.y)}
          onChange={(e) => props.onChange({ ...focus, y: Number(e.target.value) })}
        />
      </label>
    </fieldset>
  );
}
