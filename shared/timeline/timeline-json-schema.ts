/**
 * The timeline's JSON Schema, for editors and other tools writing timeline files.
 */
import { z } from 'zod';
import { Timeline } from './timeline.schema';

/** JSON Schema (draft 2020-12) of a timeline file as written (defaults optional). */
export function timelineJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Timeline, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://reelsmith.app/schema/timeline-v1.json',
    title: 'Reelsmith timeline v1',
  };
}
