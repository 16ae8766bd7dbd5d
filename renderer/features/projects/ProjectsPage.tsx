/**
 * Projects home: the library as a grid (search, sort), new project from an idea or blank,
 * duplicate, delete with an undo toast, import a .reelsmith bundle, and files dropped on the
 * page start a project from them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Project } from '../../../shared/contract/projects.contract';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { droppedFiles, pickFiles } from '../../platform/files';
import { durationOf, formatDuration, formatUpdated, STATUS_LABEL } from './project-format';

type Sort = 'updated' | 'created' | 'title';

export default function ProjectsPage() {
  const client = useClient();
  const toasts = useToasts();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('updated');
  const [dragging, setDragging] = useState(false);
  const list = useQuery({
    queryKey: ['projects', 'list', search, sort],
    queryFn: () =>
      client.call('projects.list', {
        search: search.trim() === '' ? undefined : search.trim(),
        sort,
        direction: sort === 'title' ? 'asc' : 'desc',
        limit: 200,
      }),
  });
  // The first picture of each shown project (cached thumbnails); refetched when one changes.
  const shown = list.data?.items ?? [];
  const thumbs = useQuery({
    queryKey: ['projects', 'thumbnails', shown.map((p) => `${p.id}@${String(p.updatedAt)}`)],
    queryFn: () => client.call('media.projectThumbnails', { projectIds: shown.map((p) => p.id) }),
    enabled: shown.length > 0,
    staleTime: 60_000,
  });
  const thumbOf = new Map((thumbs.data ?? []).map((t) => [t.projectId, t.url]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['projects'] });
  const fail = (error: Error) => toasts.show({ kind: 'error', message: error.message });

  const createBlank = useMutation({
    mutationFn: () => client.call('projects.create', { title: 'Untitled project' }),
    onSuccess: (project) => {
      void refresh();
      void navigate(`/projects/${project.id}`);
    },
    onError: fail,
  });
  const duplicate = useMutation({
    mutationFn: (project: Project) =>
      client.call('projects.duplicate', { id: project.id, title: `${project.title} (copy)` }),
    onSuccess: (copy) => {
      void refresh();
      toasts.show({ kind: 'success', message: `Duplicated as “${copy.title}”` });
    },
    onError: fail,
  });
  const restore = useMutation({
    mutationFn: (id: string) => client.call('projects.restore', { id }),
    onSuccess: (project) => {
      void refresh();
      toasts.show({ kind: 'success', message: `Restored “${project.title}”` });
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (project: Project) => client.call('projects.delete', { id: project.id }),
    onSuccess: (_result, project) => {
      void refresh();
      toasts.show({
        kind: 'info',
        message: `Deleted “${project.title}”`,
        action: { label: 'Undo', run: () => restore.mutate(project.id) },
      });
    },
    onError: fail,
  });
  const importBundle = useMutation({
    mutationFn: async () => {
      const [file] = await pickFiles(client, {
        title: 'Open a Reelsmith bundle',
        filters: [{ name: 'Reelsmith bundle', extensions: ['reelsmith'] }],
      });
      return file ? client.call('library.importBundle', { file: { id: file.id } }) : null;
    },
    onSuccess: (project) => {
      if (!project) return;
      void refresh();
      void navigate(`/projects/${project.id}`);
    },
    onError: fail,
  });
  const fromDrop = useMutation({
    mutationFn: async (files: FileList) => {
      const handles = await droppedFiles(client, files);
      if (handles.length === 0) throw new Error('Those files could not be read here.');
      const project = await client.call('projects.create', {
        title: handles[0]?.name.replace(/\.[^.]+$/, '') ?? 'New project',
      });
      const result = await client.call('media.import', {
        files: handles.map((h) => ({ id: h.id })),
        projectId: project.id,
      });
      return { project, failed: result.failed };
    },
    onSuccess: ({ project, failed }) => {
      void refresh();
      for (const f of failed) toasts.show({ kind: 'error', message: `${f.name}: ${f.message}` });
      void navigate(`/projects/${project.id}`);
    },
    onError: fail,
  });

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) fromDrop.mutate(event.dataTransfer.files);
  };

  return (
    <section
      className={`page projects-page${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="page-head">
        <h1>Projects</h1>
        <div className="row">
          <Link className="button primary" to="/projects/new">
            New from idea
          </Link>
          <button type="button" className="secondary" onClick={() => createBlank.mutate()}>
            Blank project
          </button>
          <button type="button" className="secondary" onClick={() => importBundle.mutate()}>
            Import bundle…
          </button>
        </div>
      </div>
      <div className="row toolbar">
        <input
          type="search"
          aria-label="Search projects"
          placeholder="Search title, idea, script…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="inline-label">
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="updated">Last edited</option>
            <option value="created">Created</option>
            <option value="title">Title</option>
          </select>
        </label>
      </div>
      {list.isPending && <p className="muted">Loading projects…</p>}
      {list.isError && (
        <div role="alert" className="panel error-panel">
          <p>Could not load your projects: {list.error.message}</p>
          <button type="button" onClick={() => void list.refetch()}>
            Retry
          </button>
        </div>
      )}
      {list.data && list.data.items.length === 0 && (
        <div className="empty">
          {search
            ? 'No project matches that search.'
            : 'No projects yet. Start from an idea, or drop pictures and clips here.'}
        </div>
      )}
      {list.data && list.data.items.length > 0 && (
        <ul className="project-grid" aria-label="Projects">
          {list.data.items.map((project) => (
            <ProjectCard
              key={project.id}
              project={project}
              thumbnail={thumbOf.get(project.id) ?? null}
              onDuplicate={() => duplicate.mutate(project)}
              onDelete={() => remove.mutate(project)}
            />
          ))}
        </ul>
      )}
      <p className="muted small drop-hint">
        Drop pictures, clips or sounds anywhere on this page to start a project from them.
      </p>
    </section>
  );
}

function ProjectCard(props: {
  project: Project;
  thumbnail: string | null;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  const { project } = props;
  const duration = durationOf(project.settings);
  let hue = 7;
  for (let i = 0; i < project.id.length; i++) hue = (hue * 31 + project.id.charCodeAt(i)) % 360;
  return (
    <li className="project-card" data-testid="project-card">
      <Link to={`/projects/${project.id}`} className="project-open">
        <div
          className="project-thumb"
          aria-hidden="true"
          style={{ background: `linear-gradient(160deg, hsl(${String(hue)} 55% 32%), #12141a)` }}
        >
          {props.thumbnail ? (
            <img src={props.thumbnail} alt="" loading="lazy" data-testid="project-thumbnail" />
          ) : (
            <span>{project.title.slice(0, 1).toUpperCase()}</span>
          )}
        </div>
        <span className="project-title">{project.title}</span>
      </Link>
      <div className="project-meta small">
        <span className={`status status-${project.status}`}>{STATUS_LABEL[project.status]}</span>
        <span>
          {duration !== null ? formatDuration(duration) : `${String(project.segmentCount)} seg.`}
        </span>
        <span className="muted">{formatUpdated(project.updatedAt)}</span>
      </div>
      <div className="project-actions">
        <button
          type="button"
          className="ghost"
          aria-label={`Duplicate ${project.title}`}
          onClick={props.onDuplicate}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="ghost"
          aria-label={`Delete ${project.title}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
