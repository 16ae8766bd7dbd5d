/**
 * The script a writer must return, as a zod schema (validation) and JSON schema (sent to the
 * model as `response_format`, so servers with structured output constrain the reply).
 */
import { z } from 'zod';

export const ScriptSegment = z.object({
  /** What the narrator says. */
  text: z.string().min(1).max(1000),
  /** What the picture shows, written for an image model. */
  imagePrompt: z.string().min(1).max(1000),
  /** Planned seconds on screen. */
  duration: z.number().min(1).max(60),
});
export type ScriptSegment = z.infer<typeof ScriptSegment>;

export const Script = z.object({
  title: z.string().min(1).max(200),
  segments: z.array(ScriptSegment).min(1).max(30),
});
export type Script = z.infer<typeof Script>;

/**
 * JSON schema for `response_format: { type: 'json_schema', strict: true }`.
 *
 * Written from the zod schema but without min/max keywords: OpenAI's strict mode rejects them,
 * and zod checks them on our side anyway.
 */
export const SCRIPT_JSON_SCHEMA = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    segments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          text: { type: 'string' },
          imagePrompt: { type: 'string' },
          duration: { type: 'number' },
        },
        required: ['text', 'imagePrompt', 'duration'],
        additionalProperties: false,
      },
    },
  },
  required: ['title', 'segments'],
  additionalProperties: false,
} as const;
