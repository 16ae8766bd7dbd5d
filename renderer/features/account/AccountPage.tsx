/**
 * Account: sign in / create account when signed out; profile, credits and ledger when signed in.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { pickFiles } from '../../platform/files';
import { AuthForms } from './AuthForms';
import { CloudSettings } from './CloudSettings';
import { useCloud } from './cloud-context';
import type { Me } from './cloud-api';
import { describeCloudError } from './cloud-errors';
import { CreditsLedger } from './CreditsLedger';
import { validateUsername } from './forms';
import { accountKeys, useAccount, useServerStatus } from './queries';
import { ErrorState, Skeleton } from './StateViews';
import { VIDEOS_KEY } from '../feed/queries';
import { formatBytes } from '../uploads/progress-format';

export default function AccountPage() {
  const account = useAccount();
  const server = useServerStatus();
  return (
    <section className="page account-page">
      <h1>Account</h1>
      {account.isPending ? (
        <Skeleton label="Loading account" lines={4} />
      ) : account.isError ? (
        <ErrorState error={account.error} onRetry={() => void account.refetch()} />
      ) : account.data.signedIn && account.data.me ? (
        <SignedIn me={account.data.me} />
      ) : account.data.signedIn ? (
        <div className="panel" role="alert">
          <p>You are signed in, but the server cannot be reached to show your account.</p>
          <div className="row">
            <button
              type="button"
              onClick={() => void account.refetch()}
              disabled={account.isFetching}
            >
              Retry
            </button>
            <SignOutButton />
          </div>
        </div>
      ) : (
        <AuthForms server={server.data} />
      )}
      <CloudSettings />
    </section>
  );
}

function SignOutButton() {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => cloud.signOut(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cloud'] }),
  });
  return (
    <button type="button" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
      Sign out
    </button>
  );
}

function SignedIn({ me }: { me: Me }) {
  return (
    <>
      <div className="panel account-head">
        <Avatar url={me.avatarUrl} name={me.username} size={64} />
        <div className="account-who">
          <h2 className="account-name">{me.username}</h2>
          <p className="muted small">
            {me.email} · {me.emailVerified ? 'verified' : 'not verified'} · storage{' '}
            {formatBytes(me.storageBytes)} of {formatBytes(me.storageQuotaBytes)}
          </p>
          <p className="small">
            <Link to={`/profile/${me.id}`}>View my public profile</Link>
          </p>
        </div>
        <div className="account-balance" aria-label="Credits balance">
          <span className="balance-number">{me.balance}</span>
          <span className="muted small">credits</span>
        </div>
        <SignOutButton />
      </div>
      <EditProfile me={me} />
      <CreditsLedger />
    </>
  );
}

export function Avatar({ url, name, size }: { url: string | null; name: string; size: number }) {
  const style = { width: size, height: size, fontSize: size / 2.4 };
  if (url) return <img className="avatar" src={url} alt={`${name}'s avatar`} style={style} />;
  return (
    <span
      className="avatar avatar-initial"
      role="img"
      aria-label={`${name}'s avatar`}
      style={style}
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function EditProfile({ me }: { me: Me }) {
  const cloud = useCloud();
  const client = useClient();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState(me.username);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (input: Parameters<typeof cloud.updateProfile>[0]) => cloud.updateProfile(input),
    onSuccess: async () => {
      toasts.show({ kind: 'success', message: 'Profile saved' });
      // The name and avatar also show on my profile, my video cards and the leaderboard.
      await Promise.all(
        [accountKeys.account, accountKeys.profiles, VIDEOS_KEY, accountKeys.leaderboard].map(
          (queryKey) => queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
    onError: (error) => toasts.show({ kind: 'error', message: describeCloudError(error).detail }),
  });
  const pickAvatar = async () => {
    try {
      const [file] = await pickFiles(client, {
        title: 'Choose an avatar',
        filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp'] }],
      });
      if (file) save.mutate({ avatar: file });
    } catch (error) {
      toasts.show({ kind: 'error', message: (error as Error).message });
    }
  };
  return (
    <form
      className="panel stack"
      aria-label="Edit profile"
      onSubmit={(e) => {
        e.preventDefault();
        const bad = validateUsername(username);
        setFieldError(bad);
        if (!bad && username !== me.username) save.mutate({ username });
      }}
    >
      <h2>Profile</h2>
      <div className="row">
        <label className="field">
          Username
          <input
            value={username}
            aria-invalid={Boolean(fieldError)}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <button type="submit" disabled={save.isPending || username === me.username}>
          Save username
        </button>
      </div>
      {fieldError && (
        <p role="alert" className="bad small">
          {fieldError}
        </p>
      )}
      <div className="row">
        <button type="button" onClick={() => void pickAvatar()} disabled={save.isPending}>
          Change avatar…
        </button>
        {me.avatarUrl && (
          <button type="button" className="ghost" onClick={() => save.mutate({ avatar: null })}>
            Remove avatar
          </button>
        )}
      </div>
    </form>
  );
}
