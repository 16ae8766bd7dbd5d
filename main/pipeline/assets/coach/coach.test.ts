import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import type { CoachEvent, CoachMessage } from '../../../../shared/contract/assets.contract';
import { OpenAiConnection } from '../../generate/openai/openai-client';
import { FakeOpenAiServer } from '../../generate/testing/fake-openai.server';
import { createAssetsHarness, testKit, type AssetsHarnessOptions } from '../testing/assets-harness';
import { OpenAiCoach } from './openai-coach';

const tempDir = useTempDirs();
let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await FakeOpenAiServer.start();
});
afterAll(() => fake.close());

function openAiHarness(onCoachEvent?: AssetsHarnessOptions['onCoachEvent']) {
  const connection = new OpenAiConnection({
    baseUrl: fake.baseUrl,
    apiKey: 'sk-test',
    retry: { maxAttempts: 1 },
  });
  return createAssetsHarness(tempDir(), {
    coach: new OpenAiCoach(connection, 'fake-chat'),
    onCoachEvent,
  });
}

const BRIEF_JSON =
  '{"assetType":"twitch_emote","subject":"a fox giving a thumbs up","style":"bold cartoon","text":"GG","colors":["#e91e63"]}';

const types = (events: CoachEvent[]) => events.map((e) => e.type);

describe('coach on an OpenAI-compatible server (streaming)', () => {
  it('streams grounding, tokens, intent_ready and done, in that order, and holds the brief block back', async () => {
    const { service, coachEvents } = openAiHarness();
    fake.enqueue('chat', {
      chatContent: `Great idea! A fox with a thumbs up reads well at 28 px.\n\`\`\`brief\n${BRIEF_JSON}\n\`\`\``,
    });
    const reply = await service.coach({
      chatId: 'c1',
      messages: [{ role: 'user', content: 'an emote of my fox mascot saying GG' }],
      brandKitId: 'kit',
      assetType: 'twitch_emote',
    });
    expect(reply.brief).toEqual({
      assetType: 'twitch_emote',
      subject: 'a fox giving a thumbs up',
      style: 'bold cartoon',
      text: 'GG',
      colors: ['#e91e63'],
    });
    expect(reply.reply).toBe('Great idea! A fox with a thumbs up reads well at 28 px.');
    const order = types(coachEvents);
    expect(order.slice(0, 3)).toEqual(['grounding', 'grounding', 'grounding_complete']);
    expect(order.slice(-2)).toEqual(['intent_ready', 'done']);
    const tokens = coachEvents.filter((e) => e.type === 'token');
    expect(tokens.length).toBeGreaterThan(2);
    const streamed = tokens.map((e) => e.text).join('');
    expect(streamed).not.toContain('```');
    expect(streamed.trim()).toBe(reply.reply);
    expect(coachEvents.every((e) => e.chatId === 'c1')).toBe(true);
    // The model was grounded: brand palette and platform rules are in its system prompt.
    const body = fake.received.at(-1)?.body as { messages: { content: string }[]; stream: boolean };
    expect(body.stream).toBe(true);
    expect(body.messages[0]?.content).toContain('#e91e63');
    expect(body.messages[0]?.content).toContain('112×112, 56×56, 28×28 px');
  });

  it('a reply without a brief ends with done and no intent_ready', async () => {
    const { service, coachEvents } = openAiHarness();
    fake.enqueue('chat', { chatContent: 'What should the emote show?' });
    const reply = await service.coach({
      chatId: 'c2',
      messages: [{ role: 'user', content: 'I want an emote' }],
    });
    expect(reply).toEqual({ chatId: 'c2', reply: 'What should the emote show?', brief: null });
    expect(types(coachEvents)).not.toContain('intent_ready');
    expect(types(coachEvents).at(-1)).toBe('done');
  });

  it('malformed model output becomes an error event with a readable message', async () => {
    const { service, coachEvents } = openAiHarness();
    fake.enqueue('chat', {
      chatContent: 'Here you go\n```brief\n{"assetType": "twitch_emote", subj\n```',
    });
    await expect(
      service.coach({ chatId: 'c3', messages: [{ role: 'user', content: 'go' }] }),
    ).rejects.toMatchObject({ code: 'PROVIDER' });
    const last = coachEvents.at(-1);
    expect(last).toMatchObject({ type: 'error', code: 'PROVIDER' });
    expect(last?.type === 'error' && last.message).toMatch(/not valid JSON/);
    expect(types(coachEvents)).not.toContain('done');

    fake.enqueue('chat', {
      chatContent:
        'Sure\n```brief\n{"assetType":"mug","subject":"x","style":"","text":"","colors":[]}\n```',
    });
    await expect(
      service.coach({ chatId: 'c4', messages: [{ role: 'user', content: 'go' }] }),
    ).rejects.toThrow(/incomplete brief \(assetType: /);
  });

  it('cancel stops the stream: no token after the cancel, an error event, CANCELLED', async () => {
    let cancelledAt = -1;
    let answer: { cancelled: boolean } | null = null;
    const { service, coachEvents } = openAiHarness((event, svc) => {
      if (event.type === 'token' && answer === null) {
        answer = svc.coachCancel('c5');
        cancelledAt = coachEvents.length;
      }
    });
    fake.enqueue('chat', { chatContent: 'word '.repeat(400) });
    await expect(
      service.coach({ chatId: 'c5', messages: [{ role: 'user', content: 'talk' }] }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(answer).toEqual({ cancelled: true });
    expect(types(coachEvents.slice(cancelledAt))).toEqual(['error']);
    expect(coachEvents.filter((e) => e.type === 'token')).toHaveLength(1);
    expect(service.coachCancel('c5')).toEqual({ cancelled: false });
  });
});

describe('offline coach (guided flow)', () => {
  it('asks for what is missing, one question per turn, and produces the same brief shape', async () => {
    const { service, coachEvents } = createAssetsHarness(tempDir(), { kits: [testKit()] });
    const messages: CoachMessage[] = [];
    const say = async (content: string) => {
      messages.push({ role: 'user', content });
      const reply = await service.coach({
        chatId: `o${String(messages.length)}`,
        messages,
        brandKitId: 'kit',
      });
      messages.push({ role: 'assistant', content: reply.reply });
      return reply;
    };
    expect((await say('hi')).reply).toMatch(/Which asset/);
    expect((await say('a twitch emote of a fox giving a thumbs up')).reply).toMatch(/What style/);
    expect((await say('skip')).reply).toMatch(/Any text/);
    expect((await say('GG')).reply).toMatch(/#e91e63/);
    const last = await say('brand');
    expect(last.brief).toEqual({
      assetType: 'twitch_emote',
      subject: 'a twitch emote of a fox giving a thumbs up',
      style: 'bold cartoon, thick dark outlines, flat colours',
      text: 'GG',
      colors: ['#e91e63', '#1e88e5', '#ffd600', '#101010'],
    });
    const final = coachEvents.filter((e) => e.chatId === 'o9');
    expect(types(final)).toEqual([
      'grounding',
      'grounding',
      'grounding_complete',
      ...final.filter((e) => e.type === 'token').map(() => 'token'),
      'intent_ready',
      'done',
    ]);
  });
});
