import { useEffect, useState } from 'react';
import { isBrowserBridge } from '../platform/bridge';
import { useClient } from '../platform/client-context';

/** In the browser shell, says so when the studio process cannot be reached. */
export function ConnectionBanner() {
  const { bridge } = useClient();
  const [connected, setConnected] = useState(true);
  useEffect(
    () => (isBrowserBridge(bridge) ? bridge.onConnectionChange(setConnected) : undefined),
    [bridge],
  );
  if (connected) return null;
  return (
    <div role="alert" className="banner banner-warn">
      Lost the connection to the Reelsmith process. Reconnecting…
    </div>
  );
}
