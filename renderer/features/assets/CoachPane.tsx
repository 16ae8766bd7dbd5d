/**
 * The coach chat: the conversation, the reply streaming in, what it looked up, and the brief
 * it settled on (editable before generating).
 */
import { useEffect, useRef, useState } from 'react';
import type { AssetBrief } from '../../../shared/contract/assets.contract';
import { ProviderKind } from '../../../shared/contract/settings.contract';
import { ASSET_TYPES } from '../../../shared/presets/asset-types';
import type { useCoach } from './use-coach';

export function CoachPane(props: {
  coach: ReturnType<typeof useCoach>;
  provider: ProviderKind;
  onProvider: (kind: ProviderKind) => void;
  brief: AssetBrief | null;
  onBrief: (brief: AssetBrief) => void;
}) {
  const { state, send, stop, reset } = props.coach;
  const [text, setText] = useState('');
  const end = useRef<HTMLLIElement>(null);
  // Keep the newest words in view while the reply streams in.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [state.messages.length, state.streaming]);
  const submit = () => {
    const message = text.trim();
    if (message === '' || state.running) return;
    setText('');
    void send(message);
  };
  return (
    <section className="panel coach" aria-labelledby="coach-heading">
      <div className="tray-head">
        <h2 id="coach-heading">Coach</h2>
        <div className="row">
          <select
            aria-label="Coach provider"
            value={props.provider}
            onChange={(e) => {
              const kind = ProviderKind.safeParse(e.target.value);
              if (kind.success) props.onProvider(kind.data);
            }}
          >
            <option value="offline">Offline guide</option>
            <option value="openai-compatible">AI model (OpenAI-compatible)</option>
            <option value="cloud">Reelsmith cloud (1 credit per reply)</option>
          </select>
          <button type="button" onClick={reset} disabled={state.running}>
            New chat
          </button>
        </div>
      </div>
      <ol className="chat" aria-label="Conversation" aria-live="polite">
        {state.messages.length === 0 && !state.running && (
          <li className="muted small">Tell the coach what you want to make.</li>
        )}
        {state.messages.map((m, i) => (
          <li key={i} className={`bubble ${m.role}`} data-testid={`chat-${m.role}`}>
            {m.content}
          </li>
        ))}
        {state.running && (
          <li className="bubble assistant streaming" data-testid="chat-streaming">
            {state.grounding ? <span className="muted small">{state.grounding}…</span> : null}
            {state.streaming}
            <span className="cursor" aria-hidden="true">
              ▍
            </span>
          </li>
        )}
        <li ref={end} aria-hidden="true" className="chat-end" />
      </ol>
      {state.error && (
        <p role="alert" className="bad small">
          {state.error}
        </p>
      )}
      {state.facts.length > 0 && (
        <details className="small muted">
          <summary>What the coach looked up</summary>
          <ul>
            {state.facts.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="row">
        <input
          aria-label="Message to the coach"
          value={text}
          placeholder="An emote of my fox mascot saying GG…"
          maxLength={4000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
        />
        {state.running ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="button" className="primary" onClick={submit} disabled={text.trim() === ''}>
            Send
          </button>
        )}
      </div>
      {props.brief && <BriefCard brief={props.brief} onChange={props.onBrief} />}
    </section>
  );
}

function BriefCard(props: { brief: AssetBrief; onChange: (brief: AssetBrief) => void }) {
  const { brief } = props;
  return (
    <div className="brief" aria-label="Brief" role="group" data-testid="brief">
      <h3>Brief · {ASSET_TYPES[brief.assetType].label}</h3>
      <label className="field">
        Subject
        <input
          value={brief.subject}
          maxLength={500}
          onChange={(e) => props.onChange({ ...brief, subject: e.target.value })}
        />
      </label>
      <label className="field">
        Style
        <input
          value={brief.style}
          maxLength={200}
          onChange={(e) => props.onChange({ ...brief, style: e.target.value })}
        />
      </label>
      <label className="field">
        Text on image
        <input
          value={brief.text}
          maxLength={40}
          onChange={(e) => props.onChange({ ...brief, text: e.target.value })}
        />
      </label>
      <div className="row small" aria-label="Brief colours">
        {brief.colors.map((c) => (
          <span key={c} className="chip" style={{ background: c }} title={c}>
            <code>{c}</code>
          </span>
        ))}
      </div>
    </div>
  );
}
