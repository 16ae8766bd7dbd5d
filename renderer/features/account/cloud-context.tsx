/**
 * The `CloudApi` adapter for the app's typed client: one per client, made on first use, so no
 * provider is needed around the app.
 */
import type { Client } from '../../../shared/contract/client';
import { useClient } from '../../platform/client-context';
import type { CloudApi } from './cloud-api';
import { createContractCloud } from './contract-cloud';

const adapters = new WeakMap<Client, CloudApi>();

export function cloudFor(client: Client): CloudApi {
  let cloud = adapters.get(client);
  if (!cloud) {
    cloud = createContractCloud(client);
    adapters.set(client, cloud);
  }
  return cloud;
}

export function useCloud(): CloudApi {
  return cloudFor(useClient());
}
