/**
 * The clips and music chosen for a montage, with the buttons that add them (native dialog in
 * Electron, the browser's file input + upload in the browser shell).
 */
import type { FileHandle } from '../../../shared/contract/files.contract';
import type { ClipSummary } from '../../../shared/contract/montage.contract';

const VIDEO_FILTER = [
  { name: 'Video clips', extensions: ['mp4', 'mov', 'mkv', 'webm', 'avi', 'm4v', 'ts', 'flv'] },
];
export const AUDIO_FILTER = [
  { name: 'Music', extensions: ['mp3', 'wav', 'm4a', 'aac', 'ogg', 'opus', 'flac'] },
];
export { VIDEO_FILTER };

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function ClipTray(props: {
  clips: FileHandle[];
  music: FileHandle | null;
  summaries: ClipSummary[];
  busy: boolean;
  onAddClips: () => void;
  onRemoveClip: (id: string) => void;
  onPickMusic: () => void;
  onClearMusic: () => void;
}) {
  const summaryOf = (id: string) => props.summaries.find((s) => s.clipId === id);
  return (
    <div className="panel montage-tray">
      <div className="tray-head">
        <h2>Clips</h2>
        <button type="button" onClick={props.onAddClips} disabled={props.busy}>
          Add clips…
        </button>
      </div>
      {props.clips.length === 0 ? (
        <p className="muted">Add an evening of clips: the best moments are found for you.</p>
      ) : (
        <ul className="clip-list" aria-label="Clips">
          {props.clips.map((clip) => {
            const summary = summaryOf(clip.id);
            return (
              <li key={clip.id} data-testid="clip-item">
                <span className="clip-name">{clip.name}</span>
                <span className="muted small">{megabytes(clip.bytes)}</span>
                {summary?.status === 'ok' && (
                  <span className="muted small">
                    {summary.durationS.toFixed(1)} s{summary.hasAudio ? '' : ' · no audio'}
                    {summary.cached ? ' · cached' : ''}
                  </span>
                )}
                {summary?.status === 'skipped' && (
                  <span className="bad small" role="status">
                    skipped: {summary.reason}
                  </span>
                )}
                <button
                  type="button"
                  className="ghost"
                  aria-label={`Remove ${clip.name}`}
                  disabled={props.busy}
                  onClick={() => props.onRemoveClip(clip.id)}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="tray-head">
        <h2>Music</h2>
        {props.music ? (
          <span className="row">
            <span data-testid="music-name">{props.music.name}</span>
            <button
              type="button"
              className="ghost"
              onClick={props.onClearMusic}
              disabled={props.busy}
            >
              No music
            </button>
          </span>
        ) : (
          <button type="button" onClick={props.onPickMusic} disabled={props.busy}>
            Choose music…
          </button>
        )}
      </div>
    </div>
  );
}
