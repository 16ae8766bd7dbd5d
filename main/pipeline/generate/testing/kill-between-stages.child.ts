/**
 * Child process for the resume test: starts a generation job against the fake server whose
 * URL it is given, prints the job id, and kills itself (SIGKILL, no clean-up) as soon as the
 * stage named in KILL_AFTER_STAGE is checkpointed.
 */
import { createGenerationHarness } from './generation-harness';

const baseUrl = process.env.FAKE_OPENAI_URL ?? '';
const dataDir = process.env.REELSMITH_DATA_DIR ?? '';
const killAfter = process.env.KILL_AFTER_STAGE ?? 'images';

const { services } = await createGenerationHarness({ baseUrl, dataDir });
services.events.on('generate.progress', (p) => {
  if (p.stage === killAfter && p.state === 'done') process.kill(process.pid, 'SIGKILL');
});
const { jobId } = await services.generation.start({
  idea: 'three facts about octopuses',
  durationSec: 15,
});
process.stdout.write(`${JSON.stringify({ jobId })}\n`);
await services.generation.wait(jobId);
process.stdout.write('finished without being killed\n');
