/**
 * Handlers of `account.*`, `social.*` and `sync.*`, kept apart from handlers.ts so the cloud
 * domain is wired in one place.
 */
import { AppError } from '../../shared/errors';
import type { Handlers } from '../rpc/router';

type CloudOperation = Extract<
  keyof Handlers,
  `account.${string}` | `social.${string}` | `sync.${string}`
>;

function notYet(name: string): never {
  throw new AppError('UNSUPPORTED', `${name} is not available in this build yet.`);
}

export function createSyncHandlers(): Pick<Handlers, CloudOperation> {
  return {
    'account.session': () => notYet('account.session'),
    'account.signup': () => notYet('account.signup'),
    'account.verify': () => notYet('account.verify'),
    'account.login': () => notYet('account.login'),
    'account.logout': () => notYet('account.logout'),
    'account.forgotPassword': () => notYet('account.forgotPassword'),
    'account.resetPassword': () => notYet('account.resetPassword'),
    'account.me': () => notYet('account.me'),
    'account.update': () => notYet('account.update'),
    'account.credits': () => notYet('account.credits'),
    'account.prices': () => notYet('account.prices'),
    'account.localMail': () => notYet('account.localMail'),
    'social.feed': () => notYet('social.feed'),
    'social.video': () => notYet('social.video'),
    'social.updateVideo': () => notYet('social.updateVideo'),
    'social.unpublishVideo': () => notYet('social.unpublishVideo'),
    'social.deleteVideo': () => notYet('social.deleteVideo'),
    'social.reportVideo': () => notYet('social.reportVideo'),
    'social.react': () => notYet('social.react'),
    'social.view': () => notYet('social.view'),
    'social.recreate': () => notYet('social.recreate'),
    'social.user': () => notYet('social.user'),
    'social.userVideos': () => notYet('social.userVideos'),
    'social.likedVideos': () => notYet('social.likedVideos'),
    'social.leaderboard': () => notYet('social.leaderboard'),
    'social.asset': () => notYet('social.asset'),
    'social.deleteAsset': () => notYet('social.deleteAsset'),
    'sync.list': () => notYet('sync.list'),
    'sync.get': () => notYet('sync.get'),
    'sync.pause': () => notYet('sync.pause'),
    'sync.resume': () => notYet('sync.resume'),
    'sync.cancel': () => notYet('sync.cancel'),
    'sync.retry': () => notYet('sync.retry'),
    'sync.pauseAll': () => notYet('sync.pauseAll'),
    'sync.resumeAll': () => notYet('sync.resumeAll'),
    'sync.cancelAll': () => notYet('sync.cancelAll'),
    'sync.retryAll': () => notYet('sync.retryAll'),
    'sync.clearFinished': () => notYet('sync.clearFinished'),
    'sync.publish': () => notYet('sync.publish'),
    'sync.publishAsset': () => notYet('sync.publishAsset'),
    'sync.published': () => notYet('sync.published'),
  };
}
