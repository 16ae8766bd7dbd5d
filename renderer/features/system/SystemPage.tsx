/**
 * System (About): what `app.info` reports, so a creator (or support) sees at a glance whether
 * ffmpeg is there and which version renders their videos.
 */
import { useQuery } from '@tanstack/react-query';
import type { ToolInfo } from '../../../shared/contract/app.contract';
import { useClient } from '../../platform/client-context';

function ToolRow({ name, tool }: { name: string; tool: ToolInfo }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        {tool.found ? (
          <>
            <span className="ok" data-testid={`${name}-version`}>
              {name} {tool.version}
            </span>
            <div className="muted small">
              {tool.path} (from {tool.source})
            </div>
          </>
        ) : (
          <span className="bad" data-testid={`${name}-missing`}>
            {tool.message}
          </span>
        )}
      </td>
    </tr>
  );
}

export default function SystemPage() {
  const client = useClient();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => client.call('app.info', {}) });

  return (
    <section className="page">
      <h1>System</h1>
      {info.isPending && <p className="muted">Looking for ffmpeg…</p>}
      {info.isError && (
        <div role="alert" className="panel error-panel">
          <p>Could not read system information: {info.error.message}</p>
          <button type="button" onClick={() => void info.refetch()}>
            Retry
          </button>
        </div>
      )}
      {info.data && (
        <table className="facts">
          <tbody>
            <tr>
              <th scope="row">Version</th>
              <td data-testid="app-version">Reelsmith {info.data.version}</td>
            </tr>
            <tr>
              <th scope="row">Running as</th>
              <td>
                {info.data.shell === 'browser' ? 'browser shell' : info.data.shell} on{' '}
                {info.data.platform}/{info.data.arch}, Node {info.data.nodeVersion}
                {info.data.electronVersion && `, Electron ${info.data.electronVersion}`}
              </td>
            </tr>
            <tr>
              <th scope="row">Data folder</th>
              <td>
                <code>{info.data.dataDir}</code>
              </td>
            </tr>
            <ToolRow name="ffmpeg" tool={info.data.ffmpeg} />
            <ToolRow name="ffprobe" tool={info.data.ffprobe} />
          </tbody>
        </table>
      )}
    </section>
  );
}
