/**
 * Signed-out account forms: sign in, create account, verify email, forgot and reset password.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useCloud } from './cloud-context';
import type { ServerStatus } from './cloud-api';
import { describeCloudError } from './cloud-errors';
import {
  extractToken,
  isTokenShaped,
  validateNewPassword,
  validateSignIn,
  validateSignUp,
  type FieldErrors,
} from './forms';

export type AuthMode = 'sign-in' | 'sign-up' | 'verify' | 'forgot' | 'reset';

const MODES: { mode: AuthMode; label: string }[] = [
  { mode: 'sign-in', label: 'Sign in' },
  { mode: 'sign-up', label: 'Create account' },
  { mode: 'verify', label: 'Verify email' },
  { mode: 'forgot', label: 'Forgot password' },
  { mode: 'reset', label: 'Reset password' },
];

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span id={id} className="bad small">
      {text}
    </span>
  );
}

/** A labelled input whose validation message, when there is one, is tied to it for screen readers. */
function CheckedField(props: {
  label: string;
  type?: 'email' | 'password';
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  /** The id of the message element (aria-describedby). */
  errorId: string;
  error: string | undefined;
}) {
  return (
    <label className="field">
      {props.label}
      <input
        type={props.type}
        autoComplete={props.autoComplete}
        value={props.value}
        aria-invalid={Boolean(props.error)}
        aria-describedby={props.errorId}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <FieldError id={props.errorId} text={props.error} />
    </label>
  );
}

function MutationError({ error }: { error: unknown }) {
  if (!error) return null;
  const view = describeCloudError(error);
  return (
    <p role="alert" className="bad small">
      {view.title}: {view.detail}
    </p>
  );
}

/**
 * Where verification and reset emails land. The embedded server sends no real email: it writes
 * them to its outbox, listed here so the link can be used with one click.
 */
export function OutboxNote(props: {
  server: ServerStatus | undefined;
  onUse: (token: string) => void;
}) {
  const cloud = useCloud();
  const embedded = props.server?.embedded ?? false;
  const mail = useQuery({
    queryKey: ['cloud', 'local-mail'],
    queryFn: () => cloud.localMail(),
    enabled: embedded,
    refetchInterval: 3000,
  });
  if (!embedded) {
    return <p className="muted small">Open the link in the email we sent you, or paste it here.</p>;
  }
  const messages = mail.data ?? [];
  return (
    <div className="outbox-note" data-testid="outbox-note">
      <p className="muted small">
        This studio runs its own sync server ({props.server?.url}), which does not send real email:
        each message is written as an <code>.eml</code> file to the <code>outbox</code> folder of
        the server&apos;s data, inside this studio&apos;s data folder. The newest are listed here.
      </p>
      {messages.length > 0 && (
        <ul className="mail-list" aria-label="Emails in the local outbox">
          {messages.slice(0, 5).map((m) => {
            const token = extractToken(/https?:\/\/\S+/.exec(m.text)?.[0] ?? '');
            return (
              <li key={`${m.at}-${m.to}`}>
                <span className="small">
                  {m.subject} → {m.to}{' '}
                  <span className="muted">({new Date(m.at).toLocaleTimeString()})</span>
                </span>
                {isTokenShaped(token) && (
                  <button
                    type="button"
                    onClick={() => props.onUse(token)}
                    aria-label={`Use the link from “${m.subject}” to ${m.to}`}
                  >
                    Use this link
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function AuthForms({ server }: { server: ServerStatus | undefined }) {
  const [mode, setMode] = useState<AuthMode>('sign-in');
  const [notice, setNotice] = useState<string | null>(null);
  const go = (next: AuthMode, message: string | null = null) => {
    setMode(next);
    setNotice(message);
  };
  return (
    <div className="panel auth-panel">
      <div className="segmented" role="group" aria-label="Account action">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            aria-pressed={mode === m.mode}
            className={mode === m.mode ? 'active' : undefined}
            onClick={() => go(m.mode)}
          >
            {m.label}
          </button>
        ))}
      </div>
      {notice && (
        <p role="status" className="ok small">
          {notice}
        </p>
      )}
      {mode === 'sign-in' && <SignInForm onForgot={() => go('forgot')} />}
      {mode === 'sign-up' && (
        <SignUpForm
          onDone={() =>
            go('verify', 'Account created. Check your email for the verification link.')
          }
        />
      )}
      {mode === 'verify' && (
        <TokenForm
          server={server}
          label="Verification code or link"
          submit="Verify email"
          onDone={() => go('sign-in', 'Email verified. You can sign in now.')}
        />
      )}
      {mode === 'forgot' && (
        <ForgotForm
          onDone={() => go('reset', 'If that account exists, a reset link is on its way.')}
        />
      )}
      {mode === 'reset' && (
        <TokenForm
          server={server}
          label="Reset code or link"
          submit="Set new password"
          withPassword
          onDone={() => go('sign-in', 'Password changed. Sign in with the new one.')}
        />
      )}
    </div>
  );
}

function SignInForm({ onForgot }: { onForgot: () => void }) {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password'>>({});
  const mutation = useMutation({
    mutationFn: () => cloud.signIn({ email, password }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cloud'] }),
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const found = validateSignIn({ email, password });
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate();
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Sign in">
      <CheckedField
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        errorId="signin-email-error"
        error={errors.email}
      />
      <CheckedField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        errorId="signin-password-error"
        error={errors.password}
      />
      <div className="row">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <button type="button" className="ghost" onClick={onForgot}>
          Forgot your password?
        </button>
      </div>
      <MutationError error={mutation.error} />
    </form>
  );
}

function SignUpForm({ onDone }: { onDone: () => void }) {
  const cloud = useCloud();
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password' | 'username'>>({});
  const mutation = useMutation({
    mutationFn: () => cloud.signUp({ email, password, username }),
    onSuccess: onDone,
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const found = validateSignUp({ email, password, username });
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate();
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Create account">
      <CheckedField
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        errorId="signup-email-error"
        error={errors.email}
      />
      <CheckedField
        label="Username"
        autoComplete="username"
        value={username}
        onChange={setUsername}
        errorId="signup-username-error"
        error={errors.username}
      />
      <CheckedField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        errorId="signup-password-error"
        error={errors.password}
      />
      <button type="submit" className="primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Creating…' : 'Create account'}
      </button>
      <MutationError error={mutation.error} />
    </form>
  );
}

function ForgotForm({ onDone }: { onDone: () => void }) {
  const cloud = useCloud();
  const [email, setEmail] = useState('');
  const mutation = useMutation({
    mutationFn: () => cloud.forgotPassword(email),
    onSuccess: onDone,
  });
  return (
    <form
      className="stack"
      aria-label="Forgot password"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <label className="field">
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={mutation.isPending || !email}>
        Send reset link
      </button>
      <MutationError error={mutation.error} />
    </form>
  );
}

function TokenForm(props: {
  server: ServerStatus | undefined;
  label: string;
  submit: string;
  withPassword?: boolean;
  onDone: () => void;
}) {
  const cloud = useCloud();
  const [raw, setRaw] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (token: string) =>
      props.withPassword ? cloud.resetPassword({ token, password }) : cloud.verifyEmail(token),
    onSuccess: props.onDone,
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const token = extractToken(raw);
    if (!isTokenShaped(token)) return setError('Paste the whole link or code from the email.');
    const bad = props.withPassword ? validateNewPassword(password) : undefined;
    if (bad) return setError(bad);
    setError(null);
    mutation.mutate(token);
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={props.submit}>
      <OutboxNote server={props.server} onUse={setRaw} />
      <label className="field">
        {props.label}
        <input value={raw} onChange={(e) => setRaw(e.target.value)} spellCheck={false} />
      </label>
      {props.withPassword && (
        <label className="field">
          New password
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      )}
      <button type="submit" className="primary" disabled={mutation.isPending}>
        {props.submit}
      </button>
      {error && (
        <p role="alert" className="bad small">
          {error}
        </p>
      )}
      <MutationError error={mutation.error} />
    </form>
  );
}
