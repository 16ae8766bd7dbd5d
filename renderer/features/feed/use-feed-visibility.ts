/**
 * Watches how much of each feed card is on screen (one IntersectionObserver for the list) and
 * drives both rules from it: which card autoplays, and which cards have earned a view.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { pickPlaying } from './autoplay';
import { ViewTracker } from './view-tracker';

const THRESHOLDS = [0, 0.25, 0.5, 0.6, 0.75, 0.9, 1];

/** One tracker per app session: a video counts once however often the feed remounts. */
const sessionTracker = new ViewTracker();

export function useFeedVisibility(order: readonly string[], onViewed: (id: string) => void) {
  const ratios = useRef(new Map<string, number>());
  const elements = useRef(new Map<Element, string>());
  const observer = useRef<IntersectionObserver | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const orderRef = useRef(order);
  orderRef.current = order;
  const onViewedRef = useRef(onViewed);
  onViewedRef.current = onViewed;

  useEffect(() => {
    const io = new IntersectionObserver(
      (entries) => {
        const now = performance.now();
        for (const entry of entries) {
          const id = elements.current.get(entry.target);
          if (!id) continue;
          const ratio = entry.isIntersecting ? entry.intersectionRatio : 0;
          ratios.current.set(id, ratio);
          sessionTracker.update(id, ratio, now);
        }
        setPlaying(pickPlaying(ratios.current, orderRef.current));
      },
      { threshold: THRESHOLDS },
    );
    observer.current = io;
    for (const el of elements.current.keys()) io.observe(el);
    const timer = setInterval(() => {
      for (const id of sessionTracker.tick(performance.now())) onViewedRef.current(id);
    }, 250);
    return () => {
      io.disconnect();
      clearInterval(timer);
      observer.current = null;
    };
  }, []);

  /**
   * Stable ref callbacks, one per id (kept for the list's lifetime), so re-renders never detach
   * a card and restart its view timer.
   */
  const callbacks = useRef(new Map<string, (el: Element | null) => (() => void) | undefined>());
  const observe = useCallback((id: string) => {
    let callback = callbacks.current.get(id);
    if (!callback) {
      callback = (el: Element | null) => {
        if (!el) return undefined;
        elements.current.set(el, id);
        observer.current?.observe(el);
        return () => {
          observer.current?.unobserve(el);
          elements.current.delete(el);
          ratios.current.delete(id);
          sessionTracker.remove(id);
        };
      };
      callbacks.current.set(id, callback);
    }
    return callback;
  }, []);

  /** Lets a view whose report failed be counted again later. */
  const retryView = useCallback((id: string) => sessionTracker.forget(id), []);

  return { playing, observe, retryView };
}
