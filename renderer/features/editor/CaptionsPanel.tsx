/**
 * Captions: the selected segment's words with their timings (the word under the playhead is
 * highlighted), edit a word's text or nudge it without breaking the others, the style preset,
 * and export of the whole caption track as SRT, VTT or ASS.
 */
import { useState, type SyntheticEvent } from 'react';
import type { Segment } from '../../../shared/contract/projects.contract';
import type { TimelineInput } from '../../../shared/timeline';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { CaptionStylePreview } from './CaptionStylePreview';
import { CAPTION_PRESETS, type CaptionPreset } from '../../../shared/timeline/project-timeline';

const PRESET_LABEL: Record<CaptionPreset, string> = {
  karaoke: 'Karaoke highlight',
  pop: 'Pop',
  plain: 'Plain',
};

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CaptionsPanel(props: {
  segment: Segment | null;
  segmentStart: number;
  currentTime: number;
  preset: CaptionPreset;
  title: string;
  timeline: () => TimelineInput | null;
  /** The preview's timeline (same object while unchanged), for the style preview frame. */
  previewTimeline: TimelineInput | null;
  onWordText: (index: number, text: string) => void;
  onWordNudge: (index: number, deltaMs: number) => void;
  onPreset: (preset: CaptionPreset) => void;
  onSeek: (t: number) => void;
}) {
  const client = useClient();
  const toasts = useToasts();
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const words = props.segment?.wordTimings ?? [];
  const local = (props.currentTime - props.segmentStart) * 1000;

  const exportAs = async (format: 'srt' | 'vtt' | 'ass') => {
    try {
      const timeline = props.timeline();
      if (!timeline) return;
      const { text } = await client.call('render.captions', { timeline, format });
      download(`${props.title.replace(/[^\w -]+/g, '').trim() || 'captions'}.${format}`, text);
    } catch (error) {
      toasts.show({ kind: 'error', message: `Caption export failed: ${(error as Error).message}` });
    }
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (editing !== null) props.onWordText(editing, draft);
    setEditing(null);
  };

  return (
    <div className="panel captions-panel">
      <div className="tray-head">
        <h2>Captions</h2>
        <div className="row">
          {(['srt', 'vtt', 'ass'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="secondary small-button"
              onClick={() => void exportAs(f)}
            >
              Export {f.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      <fieldset className="preset-choice">
        <legend className="small muted">Style</legend>
        {CAPTION_PRESETS.map((p) => (
          <label key={p} className={`preset preset-${p}${props.preset === p ? ' current' : ''}`}>
            <input
              type="radio"
              name="caption-preset"
              checked={props.preset === p}
              onChange={() => props.onPreset(p)}
            />
            {PRESET_LABEL[p]}
          </label>
        ))}
      </fieldset>
      <CaptionStylePreview
        timeline={props.previewTimeline}
        styleLabel={PRESET_LABEL[props.preset]}
        currentTime={props.currentTime}
      />
      {!props.segment && <p className="muted">Select a segment to see its words.</p>}
      {props.segment && words.length === 0 && (
        <p className="muted">This segment has no timed words yet.</p>
      )}
      <ol className="word-list" aria-label="Caption words">
        {words.map((w, i) => {
          const active = local >= w.startMs && local < w.endMs;
          return (
            <li key={i} className={active ? 'word active' : 'word'} data-testid="caption-word">
              {editing === i ? (
                <form onSubmit={submit} className="word-edit">
                  <input
                    aria-label={`Text of word ${String(i + 1)}`}
                    value={draft}
                    autoFocus
                    onChange={(e) => setDraft(e.target.value)}
                    onBlur={submit}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') setEditing(null);
                    }}
                  />
                </form>
              ) : (
                <button
                  type="button"
                  className="word-text"
                  aria-label={`Edit word ${String(i + 1)}: ${w.word}`}
                  onClick={() => {
                    setEditing(i);
                    setDraft(w.word);
                  }}
                  onFocus={() => props.onSeek(props.segmentStart + w.startMs / 1000)}
                >
                  {w.word}
                </button>
              )}
              <span className="word-time small muted">{(w.startMs / 1000).toFixed(2)}s</span>
              <span className="word-nudge">
                <button
                  type="button"
                  className="ghost"
                  aria-label={`Word ${String(i + 1)} earlier`}
                  onClick={() => props.onWordNudge(i, -50)}
                >
                  ‹
                </button>
                <button
                  type="button"
                  className="ghost"
                  aria-label={`Word ${String(i + 1)} later`}
                  onClick={() => props.onWordNudge(i, 50)}
                >
                  ›
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
