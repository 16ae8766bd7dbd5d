import { describe, expect, it } from 'vitest';
import { events, operations } from '../../shared/contract';
import { accountOperations } from '../../shared/contract/account.contract';
import { socialOperations } from '../../shared/contract/social.contract';
import { syncEvents, syncOperations } from '../../shared/contract/sync.contract';

describe('cloud contract', () => {
  it('registers every account, social and sync operation and event in the merged table', () => {
    for (const name of [
      ...Object.keys(accountOperations),
      ...Object.keys(socialOperations),
      ...Object.keys(syncOperations),
    ]) {
      expect(Object.hasOwn(operations, name), name).toBe(true);
    }
    for (const name of Object.keys(syncEvents))
      expect(Object.hasOwn(events, name), name).toBe(true);
  });

  it('refuses a publish without a title and fills the default visibility and prompt sharing', () => {
    const spec = operations['sync.publish'];
    expect(spec.input.safeParse({ projectId: 'p1', title: ' ' }).success).toBe(false);
    expect(spec.input.parse({ projectId: 'p1', title: 'Hello' })).toEqual({
      projectId: 'p1',
      title: 'Hello',
      visibility: 'public',
      sharePrompt: true,
    });
    expect(spec.input.parse({ projectId: 'p1', title: 'Hello', sharePrompt: false })).toMatchObject(
      { sharePrompt: false },
    );
  });
});
