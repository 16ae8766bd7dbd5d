/**
 * The editor: segments (reorder by drag or buttons), the selected segment's fields, captions,
 * music, brand kit, preview and export. Every edit saves at once ("Saved" in the header) and
 * is undoable (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z), also after a reload.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ProjectDetail, SegmentPatch } from '../../../shared/contract/projects.contract';
import type { PresetId } from '../../../shared/presets';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { CaptionsPanel } from './CaptionsPanel';
import {
  deleteSegmentEdit,
  projectEdit,
  reorderEdit,
  segmentEdit,
  settingsEdit,
  wordNudgeEdit,
  wordTextEdit,
  type Edit,
} from './edits';
import { ExportPanel } from './ExportPanel';
import { actionFor, isTypingTarget, nextShuttleRate } from './keyboard';
import { MusicPanel } from './MusicPanel';
import { PreviewPanel, type PreviewHandle } from './PreviewPanel';
import {
  captionPresetOf,
  captionWords,
  segmentStarts,
} from '../../../shared/timeline/project-timeline';
import { editorTimeline } from './editor-timeline';
import { SegmentInspector } from './SegmentInspector';
import { SegmentList } from './SegmentList';
import { useMediaKinds } from './use-media-kinds';
import { useProjectEditor, type SaveState } from './use-project-editor';

export default function EditorPage() {
  const { id = '' } = useParams();
  const editor = useProjectEditor(id);
  const project = editor.project.data;
  if (editor.project.isError) {
    return (
      <section className="page">
        <div role="alert" className="panel error-panel">
          <p>Could not open this project: {editor.project.error.message}</p>
          <div className="row">
            <button type="button" onClick={() => void editor.project.refetch()}>
              Retry
            </button>
            <Link className="button secondary" to="/projects">
              Back to projects
            </Link>
          </div>
        </div>
      </section>
    );
  }
  if (!project) return <p className="muted">Opening the project…</p>;
  return <Editor project={project} editor={editor} />;
}

function Editor({
  project,
  editor,
}: {
  project: ProjectDetail;
  editor: ReturnType<typeof useProjectEditor>;
}) {
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(project.segments[0]?.id ?? null);
  const [currentTime, setCurrentTime] = useState(0);
  const shuttleRate = useRef(0);
  const preview = useRef<PreviewHandle>(null);
  const brandKits = useQuery({
    queryKey: ['brandKits'],
    queryFn: () => client.call('brandKits.list', {}),
  });

  const run = useCallback(
    (edit: Edit | null) => {
      if (edit) editor.apply(edit.command, edit.change);
    },
    [editor],
  );

  const selectedIndex = project.segments.findIndex((s) => s.id === selectedId);
  const selected = project.segments[selectedIndex] ?? null;
  const starts = useMemo(() => segmentStarts(project.segments), [project.segments]);
  const duration = project.segments.reduce((t, s) => t + s.durationMs / 1000, 0);
  const words = useMemo(() => captionWords(project.segments), [project.segments]);
  const caption = useMemo(() => {
    const i = words.findIndex((w) => currentTime >= w.start && currentTime < w.end);
    return i < 0
      ? ''
      : words
          .slice(Math.max(0, i - 2), i + 2)
          .map((w) => w.text)
          .join(' ');
  }, [words, currentTime]);

  const media = useMediaKinds(project);
  const kits = brandKits.data;
  // Captions take the brand kit's look: wait for the kits when the project has one (if they
  // cannot be read, render without the kit as main does for a kit it cannot find).
  const ready =
    media.ready && (project.brandKitId === null || kits !== undefined || brandKits.isError);
  const timelineFor = useCallback(
    (preset?: PresetId, hardware = true) => {
      try {
        if (!ready) throw new Error('The project is still loading: try again in a moment.');
        return editorTimeline(project, media.kinds, kits ?? [], { preset, hardware });
      } catch (error) {
        toasts.show({ kind: 'error', message: (error as Error).message });
        return null;
      }
    },
    [project, media.kinds, kits, ready, toasts],
  );
  // The preview renders the project's own format (a proxy render scales it down).
  const previewTimeline = useMemo(() => {
    if (!ready) return null;
    try {
      return editorTimeline(project, media.kinds, kits ?? [], { hardware: false });
    } catch {
      return null;
    }
  }, [project, media.kinds, kits, ready]);
  const timelineKey = useMemo(() => JSON.stringify(previewTimeline), [previewTimeline]);
  // The same timeline object while its content is the same (typing narration does not change
  // it), so the preview does not re-render frames for edits it cannot show.
  const stable = useRef({ key: timelineKey, timeline: previewTimeline });
  if (stable.current.key !== timelineKey)
    stable.current = { key: timelineKey, timeline: previewTimeline };
  const shownTimeline = stable.current.timeline;

  // Keep the stored duration current so the projects grid can show it.
  const savedDuration = project.settings.durationMs;
  const durationMs = Math.round(duration * 1000);
  useEffect(() => {
    if (project.segments.length > 0 && savedDuration !== durationMs) {
      void client
        .call('projects.update', {
          id: project.id,
          patch: { settings: { ...project.settings, durationMs } },
        })
        .catch(() => undefined);
    }
    // Only when the length changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [durationMs]);

  const undo = useCallback(() => {
    const label = editor.undo();
    if (label) toasts.show({ kind: 'info', message: `Undid ${label}` });
  }, [editor, toasts]);
  const redo = useCallback(() => {
    const label = editor.redo();
    if (label) toasts.show({ kind: 'info', message: `Redid ${label}` });
  }, [editor, toasts]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = actionFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        altKey: event.altKey,
        inField: isTypingTarget(event.target),
      });
      if (!action) return;
      // Space on a focused button presses it; leave that to the button.
      if (action.type === 'play-pause' && (event.target as HTMLElement).tagName === 'BUTTON')
        return;
      event.preventDefault();
      switch (action.type) {
        case 'undo':
          undo();
          break;
        case 'redo':
          redo();
          break;
        case 'play-pause':
          preview.current?.togglePlay();
          break;
        case 'shuttle':
          shuttleRate.current = nextShuttleRate(shuttleRate.current, action.direction);
          preview.current?.shuttle(shuttleRate.current);
          break;
        case 'step-frames':
          preview.current?.step(action.frames);
          break;
        case 'select-segment': {
          const next = project.segments[selectedIndex + action.by];
          if (next) {
            setSelectedId(next.id);
            setCurrentTime(starts[selectedIndex + action.by] ?? 0);
          }
          break;
        }
        case 'delete-segment':
          if (selected) run(deleteSegmentEdit(project, selected.id));
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [project, selected, selectedIndex, starts, run, undo, redo]);

  return (
    <section className="editor-page">
      <header className="editor-head">
        <Link to="/projects" className="back-link">
          ← Projects
        </Link>
        <input
          className="title-input"
          aria-label="Project title"
          value={project.title}
          onChange={(e) => {
            if (e.target.value.trim() !== '')
              run(projectEdit(project, { title: e.target.value }, 'rename'));
          }}
        />
        <SavedBadge state={editor.saveState} />
        <div className="row">
          <button
            type="button"
            className="secondary small-button"
            disabled={editor.history.past.length === 0}
            onClick={undo}
            title="Ctrl/Cmd+Z"
          >
            Undo
          </button>
          <button
            type="button"
            className="secondary small-button"
            disabled={editor.history.future.length === 0}
            onClick={redo}
            title="Ctrl/Cmd+Shift+Z"
          >
            Redo
          </button>
        </div>
        <label className="inline-label small">
          Brand kit
          <select
            value={project.brandKitId ?? ''}
            onChange={(e) =>
              run(projectEdit(project, { brandKitId: e.target.value || null }, 'brand kit'))
            }
          >
            <option value="">None</option>
            {(brandKits.data ?? []).map((kit) => (
              <option key={kit.id} value={kit.id}>
                {kit.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="editor-grid">
        <div className="editor-col">
          <div className="panel">
            <div className="tray-head">
              <h2>Segments</h2>
              <span className="small muted">
                {project.segments.length} · {duration.toFixed(1)} s
              </span>
            </div>
            {project.segments.length === 0 ? (
              <p className="muted">No segments yet.</p>
            ) : (
              <SegmentList
                segments={project.segments}
                selectedId={selectedId}
                onSelect={(sid) => {
                  setSelectedId(sid);
                  const i = project.segments.findIndex((s) => s.id === sid);
                  setCurrentTime(starts[i] ?? 0);
                }}
                onMove={(from, to) => run(reorderEdit(project, from, to))}
                onDelete={(sid) => run(deleteSegmentEdit(project, sid))}
              />
            )}
          </div>
          <MusicPanel
            project={project}
            onMusic={(music, label) => run(settingsEdit(project, { music }, label))}
          />
        </div>
        <div className="editor-col">
          {selected && (
            <SegmentInspector
              key={selected.id}
              project={project}
              segment={selected}
              index={selectedIndex}
              onPatch={(patch: SegmentPatch) => run(segmentEdit(project, selected.id, patch))}
              onCommand={(command) =>
                editor.apply(
                  command,
                  (p) => p,
                  () => {
                    void queryClient.invalidateQueries({ queryKey: ['project', project.id] });
                    void queryClient.invalidateQueries({
                      queryKey: ['generate.project', project.id],
                    });
                  },
                )
              }
              onDone={editor.recordDone}
            />
          )}
          <CaptionsPanel
            segment={selected}
            segmentStart={starts[selectedIndex] ?? 0}
            currentTime={currentTime}
            preset={captionPresetOf(project)}
            title={project.title}
            timeline={() => timelineFor()}
            previewTimeline={shownTimeline}
            onWordText={(i, text) => selected && run(wordTextEdit(project, selected.id, i, text))}
            onWordNudge={(i, ms) => selected && run(wordNudgeEdit(project, selected.id, i, ms))}
            onPreset={(preset) =>
              run(settingsEdit(project, { captionPreset: preset }, 'caption style'))
            }
            onSeek={setCurrentTime}
          />
        </div>
        <div className="editor-col">
          <PreviewPanel
            ref={preview}
            timeline={shownTimeline}
            timelineKey={timelineKey}
            duration={duration}
            currentTime={currentTime}
            fps={project.format.fps}
            caption={caption}
            onTime={setCurrentTime}
          />
          <ExportPanel title={project.title} timeline={timelineFor} />
        </div>
      </div>
    </section>
  );
}

function SavedBadge({ state }: { state: SaveState }) {
  const text = { saved: 'Saved', saving: 'Saving…', error: 'Not saved' }[state];
  return (
    <span className={`saved-badge saved-${state}`} role="status" data-testid="save-state">
      {text}
    </span>
  );
}
