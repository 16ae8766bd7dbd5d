/**
 * Deleting variants with an undo toast, the way projects are deleted: the variant disappears at
 * once, and the delete itself (`assets.deleteVariant`, which also frees the master file) goes out
 * when the toast's undo window has passed — or right away when the studio is left.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';

/** As long as an info toast stays up. */
export const UNDO_WINDOW_MS = 5_000;

export function useVariantDeletes(onDeleted: (id: string) => void) {
  const client = useClient();
  const toasts = useToasts();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const deleted = useRef(onDeleted);
  deleted.current = onDeleted;

  const unhide = useCallback((id: string) => {
    setHidden((set) => new Set([...set].filter((h) => h !== id)));
  }, []);

  const commit = useCallback(
    async (id: string) => {
      timers.current.delete(id);
      try {
        await client.call('assets.deleteVariant', { id });
        deleted.current(id);
      } catch (error) {
        unhide(id);
        toasts.show({
          kind: 'error',
          message: `Could not delete the variant: ${(error as Error).message}`,
        });
      }
    },
    [client, toasts, unhide],
  );

  /** Hides `id` now and deletes it after the undo window; `onUndo` runs if the user takes it back. */
  const remove = useCallback(
    (id: string, label: string, onUndo: () => void) => {
      setHidden((set) => new Set(set).add(id));
      timers.current.set(
        id,
        setTimeout(() => void commit(id), UNDO_WINDOW_MS),
      );
      toasts.show({
        kind: 'info',
        message: `Deleted ${label}`,
        action: {
          label: 'Undo',
          run: () => {
            const timer = timers.current.get(id);
            if (timer === undefined) return; // already on its way out
            clearTimeout(timer);
            timers.current.delete(id);
            unhide(id);
            onUndo();
          },
        },
      });
    },
    [commit, toasts, unhide],
  );

  // Leaving the studio (or the page) confirms the pending deletes instead of dropping them.
  useEffect(() => {
    const pending = timers.current;
    const flush = () => {
      for (const [id, timer] of pending) {
        clearTimeout(timer);
        void commit(id);
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [commit]);

  return { hidden, remove };
}
