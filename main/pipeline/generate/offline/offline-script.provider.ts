/**
 * Scripts without a network: a hook, points drawn from the idea, and a call to action, with
 * as many points as fit the target duration at a natural speaking rate.
 */
import type { CallOptions, ScriptProvider, ScriptRequest } from '../providers.types';
import type { Script, ScriptSegment } from '../script.schema';

/** Spoken words per second at a relaxed narration pace. */
export const WORDS_PER_SECOND = 2.5;

const HOOKS = [
  (topic: string) => `Stop scrolling: here is what nobody tells you about ${topic}.`,
  (topic: string) => `You think you know ${topic}? Think again.`,
  (topic: string) => `${capitalise(topic)} in under a minute. Let's go.`,
];

const POINTS = [
  (topic: string, n: number) =>
    `Number ${n}: ${topic} is stranger than it looks, and that is the fun part.`,
  (topic: string, n: number) => `Number ${n}: the details of ${topic} matter more than you think.`,
  (topic: string, n: number) => `Number ${n}: people who study ${topic} keep finding surprises.`,
  (topic: string, n: number) =>
    `Number ${n}: once you notice this about ${topic}, you see it everywhere.`,
];

/** Extra sentences that lengthen a point when the idea asks for fewer points than the time allows. */
const DETAILS = [
  'Take a second to picture it.',
  'It sounds simple, but it changes how you see the whole thing.',
  'Most people never stop to think about it.',
  'Keep that in mind for the next one.',
];

const CTAS = [
  'Follow for more, and tell me in the comments what surprised you.',
  'Save this for later and share it with a friend who needs it.',
];

/** The subject of an idea: "three facts about octopuses" → "octopuses". */
export function topicOf(idea: string): string {
  const trimmed = idea.trim().replace(/[.!?]+$/, '');
  const about = /\b(?:about|on|of)\s+(.+)$/i.exec(trimmed);
  return (about?.[1] ?? trimmed).trim();
}

/** How many points an idea asks for ("three facts", "5 tips"), if it says. */
export function requestedCount(idea: string): number | null {
  const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const match = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b/i.exec(idea);
  if (!match?.[1]) return null;
  const value = match[1].toLowerCase();
  const n = /^\d+$/.test(value) ? Number(value) : words.indexOf(value) + 1;
  return n >= 1 && n <= 10 ? n : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stable small number from a string, so the same idea always gets the same wording. */
export function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function segment(text: string, imagePrompt: string): ScriptSegment {
  const words = text.split(/\s+/).length;
  return {
    text,
    imagePrompt,
    duration: Math.max(2, Math.round((words / WORDS_PER_SECOND) * 10) / 10),
  };
}

export class OfflineScriptProvider implements ScriptProvider {
  readonly name = 'offline';
  readonly model = 'templates-v1';

  writeScript(request: ScriptRequest, _options?: CallOptions): Promise<Script> {
    const topic = topicOf(request.idea);
    const seed = hashString(request.idea);
    const pick = <T>(list: readonly T[], offset: number): T =>
      list[(seed + offset) % list.length] as T;
    const hook = segment(pick(HOOKS, 0)(topic), `${topic}, bold title card`);
    const cta = segment(pick(CTAS, 1), `Follow for more ${topic}`);
    const pointSeconds = segment(POINTS[0]?.(topic, 1) ?? topic, topic).duration;
    const room = Math.max(
      1,
      Math.floor((request.targetDurationSec - hook.duration - cta.duration) / pointSeconds),
    );
    const count = Math.min(requestedCount(request.idea) ?? room, Math.max(room, 1), 10);
    const budgetWords =
      ((request.targetDurationSec - hook.duration - cta.duration) / count) * WORDS_PER_SECOND;
    const points = Array.from({ length: count }, (_, i) => {
      let text = pick(POINTS, i)(topic, i + 1);
      for (let d = 0; d < DETAILS.length; d++) {
        const detail = pick(DETAILS, i + d);
        if (text.split(/\s+/).length + detail.split(/\s+/).length > budgetWords) break;
        text += ` ${detail}`;
      }
      return segment(text, `#${i + 1} ${capitalise(topic)}`);
    });
    return Promise.resolve({
      title: capitalise(request.idea.trim()).slice(0, 200),
      segments: [hook, ...points, cta],
    });
  }
}
