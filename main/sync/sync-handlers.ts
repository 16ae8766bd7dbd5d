/**
 * Handlers of `account.*`, `social.*` and `sync.*`, kept apart from handlers.ts so the cloud
 * domain is wired in one place.
 */
import type { Handlers } from '../rpc/router';
import type { CloudSync } from './cloud-sync.service';

type CloudOperation = Extract<
  keyof Handlers,
  `account.${string}` | `social.${string}` | `sync.${string}`
>;

export function createSyncHandlers(sync: CloudSync): Pick<Handlers, CloudOperation> {
  const { queue } = sync;
  return {
    'account.session': () => sync.session(),
    'account.signup': (input) => sync.signup(input),
    'account.verify': ({ token }) => sync.verify(token),
    'account.login': ({ email, password }) => sync.login(email, password),
    'account.logout': () => sync.logout(),
    'account.forgotPassword': ({ email }) => sync.forgotPassword(email),
    'account.resetPassword': ({ token, password }) => sync.resetPassword(token, password),
    'account.me': () => sync.me(),
    'account.update': (input) => sync.updateAccount(input),
    'account.credits': ({ cursor, limit }) => sync.credits(cursor, limit),
    'account.prices': () => sync.prices(),
    'account.localMail': ({ limit }) => sync.localMail(limit),
    'social.feed': ({ cursor, limit }) => sync.feed(cursor, limit),
    'social.video': ({ id }) => sync.video(id),
    'social.updateVideo': ({ id, ...patch }) => sync.updateVideo(id, patch),
    'social.unpublishVideo': ({ id, unpublished }) => sync.unpublishVideo(id, unpublished),
    'social.deleteVideo': ({ id }) => sync.deleteVideo(id),
    'social.reportVideo': ({ id, reason }) => sync.reportVideo(id, reason),
    'social.react': ({ id, reaction }) => sync.react(id, reaction),
    'social.view': ({ id }) => sync.view(id),
    'social.recreate': ({ id, title }) => sync.recreate(id, title),
    'social.user': ({ id }) => sync.user(id),
    'social.userVideos': ({ id, cursor, limit }) => sync.userVideos(id, cursor, limit),
    'social.likedVideos': ({ id, cursor, limit }) => sync.likedVideos(id, cursor, limit),
    'social.leaderboard': ({ limit }) => sync.leaderboard(limit),
    'social.asset': ({ id }) => sync.asset(id),
    'social.deleteAsset': ({ id }) => sync.deleteAsset(id),
    'sync.list': () => queue.list(),
    'sync.get': ({ id }) => queue.get(id),
    'sync.pause': ({ id }) => queue.pause(id),
    'sync.resume': ({ id }) => queue.resume(id),
    'sync.cancel': ({ id }) => queue.cancel(id),
    'sync.retry': ({ id }) => queue.retry(id),
    'sync.pauseAll': () => queue.pauseAll(),
    'sync.resumeAll': () => queue.resumeAll(),
    'sync.cancelAll': () => queue.cancelAll(),
    'sync.retryAll': () => queue.retryAll(),
    'sync.checkServer': () => queue.checkServer(),
    'sync.clearFinished': () => queue.clearFinished(),
    'sync.publish': (input) => sync.publish(input),
    'sync.publishAsset': (input) => sync.publishAsset(input),
    'sync.published': ({ projectId }) => sync.published(projectId),
  };
}
