/**
 * The editor's model: the project from `projects.get` (TanStack Query cache), edits applied to
 * the cache at once and saved through the contract in order, and an undo/redo history of the
 * same edits stored per project in localStorage (so it survives a reload).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '../../../shared/contract/client';
import type { ProjectDetail } from '../../../shared/contract/projects.contract';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import {
  loadHistory,
  record,
  redo as redoStep,
  remapId,
  saveHistory,
  undo as undoStep,
  type Command,
  type EditCall,
  type History,
} from './history';

export type SaveState = 'saved' | 'saving' | 'error';

/** Runs one call; a re-created segment reports its old and new id. */
async function runCall(
  client: Client,
  call: EditCall,
): Promise<{ from: string; to: string } | null> {
  switch (call.op) {
    case 'segments.update':
      await client.call(call.op, call.input);
      return null;
    case 'segments.reorder':
      await client.call(call.op, call.input);
      return null;
    case 'segments.delete':
      await client.call(call.op, call.input);
      return null;
    case 'projects.update':
      await client.call(call.op, call.input);
      return null;
    case 'generate.restore':
      await client.call(call.op, call.input);
      return null;
    case 'segments.create': {
      const created = await client.call(call.op, call.input);
      return call.restoresId ? { from: call.restoresId, to: created.id } : null;
    }
  }
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function projectKey(id: string) {
  return ['project', id] as const;
}

export function useProjectEditor(projectId: string) {
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const key = projectKey(projectId);
  const project = useQuery({
    queryKey: key,
    queryFn: () => client.call('projects.get', { id: projectId }),
    staleTime: Infinity,
  });
  const [history, setHistory] = useState<History>(() => {
    const s = storage();
    return s ? loadHistory(s, projectId) : { past: [], future: [] };
  });
  const historyRef = useRef(history);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [lastSavedAt, setLastSavedAt] = useState<number | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);

  const commitHistory = useCallback(
    (next: History) => {
      historyRef.current = next;
      setHistory(next);
      const s = storage();
      if (s) saveHistory(s, projectId, next);
    },
    [projectId],
  );

  /** Saves calls in order after every earlier save; the cache already shows the result. */
  const save = useCallback(
    (calls: EditCall[], onSaved?: () => void) => {
      pending.current++;
      setSaveState('saving');
      queue.current = queue.current.then(async () => {
        try {
          for (const call of calls) {
            const remap = await runCall(client, call);
            if (remap) {
              commitHistory(remapId(historyRef.current, remap.from, remap.to));
              queryClient.setQueryData<ProjectDetail>(key, (p) =>
                p
                  ? {
                      ...p,
                      segments: p.segments.map((s) =>
                        s.id === remap.from ? { ...s, id: remap.to } : s,
                      ),
                    }
                  : p,
              );
            }
          }
          pending.current--;
          if (pending.current === 0) {
            setSaveState('saved');
            setLastSavedAt(Date.now());
          }
          onSaved?.();
        } catch (error) {
          pending.current--;
          setSaveState('error');
          // What is on screen may not be what was saved: show the saved state again.
          void queryClient.invalidateQueries({ queryKey: key });
          toasts.show({
            kind: 'error',
            message: `Could not save: ${(error as Error).message}`,
            action: { label: 'Retry', run: () => save(calls, onSaved) },
          });
        }
      });
    },
    // key is derived from projectId.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, commitHistory, projectId, queryClient, toasts],
  );

  /** Applies an edit: the cache changes now, the calls are saved, the step is undoable. */
  const apply = useCallback(
    (command: Command, change: (p: ProjectDetail) => ProjectDetail, onSaved?: () => void) => {
      queryClient.setQueryData<ProjectDetail>(key, (p) => (p ? change(p) : p));
      commitHistory(record(historyRef.current, { ...command, at: command.at ?? Date.now() }));
      save(command.forward, onSaved);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [commitHistory, projectId, queryClient, save],
  );

  /** Undo/redo run the stored calls, then show the saved project. */
  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      const result =
        direction === 'undo' ? undoStep(historyRef.current) : redoStep(historyRef.current);
      if (!result) return null;
      commitHistory(result.history);
      save(direction === 'undo' ? result.command.backward : result.command.forward, () => {
        void queryClient.invalidateQueries({ queryKey: key });
        void queryClient.invalidateQueries({ queryKey: ['generate.project', projectId] });
      });
      return result.command.label;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [commitHistory, projectId, queryClient, save],
  );

  useEffect(() => {
    historyRef.current = history;
  }, [history]);

  /** Records an edit that already happened in main (a regenerate) as an undoable step. */
  const recordDone = useCallback(
    (command: Command) => {
      commitHistory(record(historyRef.current, { ...command, at: Date.now() }));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [commitHistory, projectId, queryClient],
  );

  return {
    project,
    recordDone,
    history,
    saveState,
    lastSavedAt,
    apply,
    undo: () => step('undo'),
    redo: () => step('redo'),
  };
}

export type ProjectEditor = ReturnType<typeof useProjectEditor>;
