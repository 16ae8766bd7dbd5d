/**
 * Test child for the cross-process control test: owns a data folder like a studio does (lock,
 * embedded sync API, control endpoint), with a verified account and a project whose render is
 * `video`, then prints one JSON line and waits to be killed.
 * Usage: node --import tsx owner-child.ts <dataDir> <email> <password> <video>
 */
import { MemorySecretStore } from '../../secrets/secret-store';
import { createServices } from '../../services';
import { signUpVerified } from '../../sync/testing/account';
import { startControlEndpoint } from '../control-endpoint';

const [dataDir, email, password, video] = process.argv.slice(2);
if (!dataDir || !email || !password || !video) {
  throw new Error('usage: owner-child <dataDir> <email> <password> <video>');
}
const services = createServices({ dataDir, shell: 'test', secretStore: new MemorySecretStore() });
await services.sync.start();
await signUpVerified(services, { email, password, username: 'studio_owner' });
const project = services.projects.create({
  title: 'Owned by the studio',
  settings: { lastRenderPath: video },
});
const control = await startControlEndpoint(services);
const status = services.sync.queue.list();
process.stdout.write(
  `${JSON.stringify({ ready: true, projectId: project.id, serverUrl: status.serverUrl, port: control.port })}\n`,
);
setInterval(() => undefined, 60_000);
