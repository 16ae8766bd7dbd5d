/**
 * Editor keyboard shortcuts as a pure mapping from a key event to an action, so the rules are
 * testable without a DOM: typing in a field never triggers a shortcut (except undo/redo, which
 * the field handles itself and we leave alone).
 */

export type KeyAction =
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'play-pause' }
  /** J/K/L: -1 rewind, 0 stop, +1 forward; pressing again speeds up. */
  | { type: 'shuttle'; direction: -1 | 0 | 1 }
  | { type: 'step-frames'; frames: number }
  | { type: 'delete-segment' }
  | { type: 'select-segment'; by: -1 | 1 };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** The event target is a text field, select or contenteditable. */
  inField: boolean;
}

/** The action for a key press, or null when it is not a shortcut here. */
export function actionFor(event: KeyInput): KeyAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey) {
    if (event.inField) return null;
    if (key === 'z') return event.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (key === 'y' && !event.shiftKey) return { type: 'redo' };
    return null;
  }
  if (event.inField || event.altKey) return null;
  switch (key) {
    case ' ':
      return { type: 'play-pause' };
    case 'j':
      return { type: 'shuttle', direction: -1 };
    case 'k':
      return { type: 'shuttle', direction: 0 };
    case 'l':
      return { type: 'shuttle', direction: 1 };
    case 'ArrowLeft':
      return { type: 'step-frames', frames: event.shiftKey ? -10 : -1 };
    case 'ArrowRight':
      return { type: 'step-frames', frames: event.shiftKey ? 10 : 1 };
    case 'ArrowUp':
      return { type: 'select-segment', by: -1 };
    case 'ArrowDown':
      return { type: 'select-segment', by: 1 };
    case 'Delete':
    case 'Backspace':
      return { type: 'delete-segment' };
    default:
      return null;
  }
}

/** Whether an element is somewhere the user types. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (element as HTMLInputElement).type;
    return !['checkbox', 'radio', 'range', 'button', 'submit'].includes(type);
  }
  return element.isContentEditable;
}

/**
 * J/K/L shuttle speed: pressing the same direction again doubles the rate up to 8×; K or the
 * other direction starts over.
 */
export function nextShuttleRate(current: number, direction: -1 | 0 | 1): number {
  if (direction === 0) return 0;
  if (Math.sign(current) === direction) return Math.max(-8, Math.min(8, current * 2));
  return direction;
}
