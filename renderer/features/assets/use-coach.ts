/**
 * One coach conversation: sends the messages, follows the `assets.coach` events of the current
 * turn (streaming text, grounding facts, the brief) and can stop the turn mid-stream.
 */
import { useEffect, useRef, useState } from 'react';
import type {
  AssetBrief,
  AssetTypeId,
  CoachMessage,
} from '../../../shared/contract/assets.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';
import { useClient } from '../../platform/client-context';

export interface CoachState {
  messages: CoachMessage[];
  /** The assistant text streaming in for the running turn. */
  streaming: string;
  facts: string[];
  /** What the coach is looking up right now. */
  grounding: string | null;
  brief: AssetBrief | null;
  error: string | null;
  running: boolean;
}

export function useCoach(options: {
  brandKitId: string | null;
  assetType: AssetTypeId;
  provider: ProviderKind;
  onBrief: (brief: AssetBrief) => void;
}) {
  const client = useClient();
  const chatId = useRef<string | null>(null);
  const onBrief = useRef(options.onBrief);
  onBrief.current = options.onBrief;
  const [state, setState] = useState<CoachState>({
    messages: [],
    streaming: '',
    facts: [],
    grounding: null,
    brief: null,
    error: null,
    running: false,
  });

  useEffect(
    () =>
      client.on('assets.coach', (event) => {
        if (event.chatId !== chatId.current) return;
        switch (event.type) {
          case 'grounding':
            setState((s) => ({ ...s, grounding: event.detail }));
            break;
          case 'grounding_complete':
            setState((s) => ({ ...s, grounding: null, facts: event.facts }));
            break;
          case 'token':
            setState((s) => ({ ...s, streaming: s.streaming + event.text }));
            break;
          case 'intent_ready':
            setState((s) => ({ ...s, brief: event.brief }));
            onBrief.current(event.brief);
            break;
          case 'done':
            break;
          case 'error':
            setState((s) => ({ ...s, error: event.message }));
            break;
        }
      }),
    [client],
  );

  const send = async (text: string) => {
    const messages: CoachMessage[] = [...state.messages, { role: 'user', content: text }];
    const id = crypto.randomUUID();
    chatId.current = id;
    setState((s) => ({ ...s, messages, streaming: '', error: null, running: true }));
    try {
      const reply = await client.call('assets.coach', {
        chatId: id,
        messages,
        brandKitId: options.brandKitId,
        assetType: options.assetType,
        provider: options.provider,
      });
      setState((s) => ({
        ...s,
        messages: [...messages, { role: 'assistant', content: reply.reply }],
        streaming: '',
      }));
    } catch (error) {
      // The error event already carries the message; keep what streamed as a partial answer.
      setState((s) => ({
        ...s,
        error: s.error ?? (error as Error).message,
        messages: s.streaming
          ? [...messages, { role: 'assistant', content: `${s.streaming} …` }]
          : messages,
        streaming: '',
      }));
    } finally {
      chatId.current = null;
      setState((s) => ({ ...s, running: false, grounding: null }));
    }
  };

  const stop = () => {
    if (chatId.current) void client.call('assets.coachCancel', { chatId: chatId.current });
  };

  const reset = () =>
    setState({
      messages: [],
      streaming: '',
      facts: [],
      grounding: null,
      brief: null,
      error: null,
      running: false,
    });

  return { state, send, stop, reset };
}
