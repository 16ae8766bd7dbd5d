// Writes resources/timeline.schema.json from the zod timeline schema (zod 4's z.toJSONSchema).
// Run with tsx so the TypeScript source is read directly: node --import tsx scripts/timeline-schema.mjs
import { writeFileSync } from 'node:fs';
import { timelineJsonSchema } from '../shared/timeline/timeline-json-schema.ts';

const target = new URL('../resources/timeline.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(timelineJsonSchema(), null, 2)}\n`);
