/** The kinds of the media a project uses, fetched for the editor's timeline. */
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MediaKind } from '../../../shared/contract/media.contract';
import type { ProjectDetail } from '../../../shared/contract/projects.contract';
import { projectMediaIds } from '../../../shared/timeline/project-timeline';
import { useClient } from '../../platform/client-context';

/**
 * The kinds of every medium the project uses (media never change kind: fetched once each).
 * `ready` once all are known; a medium that failed to load stays unknown (the timeline then
 * names it as missing, as the export would).
 */
export function useMediaKinds(project: ProjectDetail): {
  kinds: ReadonlyMap<string, MediaKind>;
  ready: boolean;
} {
  const client = useClient();
  const ids = projectMediaIds(project);
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['media', id],
      queryFn: () => client.call('media.get', { id }),
      staleTime: Infinity,
      retry: false,
    })),
  });
  const key = results
    .map((r, i) => `${ids[i] ?? ''}:${r.data?.kind ?? (r.isPending ? '?' : '!')}`)
    .join(',');
  return useMemo(() => {
    const kinds = new Map<string, MediaKind>();
    results.forEach((r, i) => {
      const id = ids[i];
      if (id !== undefined && r.data) kinds.set(id, r.data.kind);
    });
    return { kinds, ready: results.every((r) => !r.isPending) };
    // `key` stands for the ids and the results' state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
