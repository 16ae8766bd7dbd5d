/**
 * At most `limit` provider calls in flight, so parallel image generation does not trip a
 * server's rate limit or a local model's memory.
 */
import { Semaphore } from '../../util/semaphore';

export class ConcurrencyLimiter extends Semaphore {}
