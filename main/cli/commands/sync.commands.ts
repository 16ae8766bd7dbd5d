/**
 * `reelsmith login`, `reelsmith publish` and `reelsmith queue`: the cloud account and the upload
 * queue from a terminal or a script. While a studio owns the data folder, they go through its
 * control endpoint; otherwise, without a cloud URL, the command runs the embedded sync API itself
 * for its duration (it owns the data folder while it runs).
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { QueueItem } from '../../../shared/contract/sync.contract';
import { UsageError } from '../args';
import type { CliIo, Command, CommandContext } from '../command';
import { controlBackend, localBackend, type SyncBackend } from '../sync-backend';

/** The studio's control endpoint when one owns the folder, else this process. */
function backendFor(context: CommandContext, embedded = true): SyncBackend {
  return context.control
    ? controlBackend(context.control)
    : localBackend(context.dataDir, context.io.env, embedded);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}

/** Asks on the terminal; the answer is not echoed when `hidden`. */
async function prompt(io: CliIo, question: string, hidden: boolean): Promise<string> {
  if (!io.stdin) throw new UsageError('No terminal to ask on.');
  const rl = readline.createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  const output = io.stderr as NodeJS.WritableStream & { write(text: string): boolean };
  try {
    return await new Promise<string>((resolve) => {
      if (hidden) {
        const rlWithOutput = rl as unknown as { _writeToOutput: (text: string) => void };
        rlWithOutput._writeToOutput = (text: string) => {
          if (text.includes(question)) output.write(text);
        };
      }
      rl.question(question, (answer) => resolve(answer));
    });
  } finally {
    if (hidden) output.write('\n');
    rl.close();
  }
}

export const loginCommand: Command = {
  name: 'login',
  summary: 'Sign in to your Reelsmith account (the session is kept in the OS keychain)',
  usage:
    'reelsmith login --email E --password-stdin   (asks on a terminal when the flags are absent)',
  viaControl: true,
  async run(context) {
    const { args, globals, io } = context;
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
      strict: true,
    });
    const interactive = io.isTTY && io.stdin !== undefined;
    const email = values.email ?? (interactive ? await prompt(io, 'Email: ', false) : undefined);
    if (!email) throw new UsageError('Give --email (or run on a terminal to be asked).');
    let password: string | undefined;
    if (values['password-stdin']) {
      if (!io.stdin) throw new UsageError('--password-stdin: nothing to read from.');
      password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
    } else if (interactive) {
      password = await prompt(io, 'Password: ', true);
    }
    if (!password)
      throw new UsageError('Give --password-stdin (or run on a terminal to be asked).');
    const backend = backendFor(context);
    try {
      const session = await backend.login(email.trim(), password);
      io.stdout.write(
        globals.json
          ? `${JSON.stringify(session)}\n`
          : `Signed in as ${session.user?.username ?? email} at ${session.serverUrl}\n`,
      );
      return 0;
    } finally {
      await backend.close();
    }
  },
};

function bar(done: number, total: number, rate: number, eta: number | null): string {
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${mb(done)}/${mb(total)} MB  ${mb(rate)} MB/s  ETA ${eta ?? '?'} s `;
}

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Publish a project’s last render to the feed and print its share URL',
  usage: 'reelsmith publish <project id | render job id> [--title T] [--unlisted] [--json]',
  viaControl: true,
  async run(context) {
    const { args, globals, io } = context;
    const { values, positionals } = parseArgs({
      args,
      options: { title: { type: 'string' }, unlisted: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [projectId] = positionals;
    if (!projectId || positionals.length > 1) throw new UsageError('Name one project to publish.');
    const backend = backendFor(context);
    try {
      const queued = await backend.publish({
        projectId,
        ...(values.title === undefined ? {} : { title: values.title }),
        visibility: values.unlisted ? 'unlisted' : 'public',
      });
      let done: QueueItem;
      try {
        done = await backend.waitFor(queued.id, (p) => {
          if (io.isTTY && !globals.json)
            io.stderr.write(bar(p.bytesDone, p.bytesTotal, p.rateBytesPerSecond, p.etaSeconds));
        });
      } finally {
        if (io.isTTY && !globals.json) io.stderr.write('\n');
      }
      io.stdout.write(
        globals.json
          ? `${JSON.stringify({ id: done.id, videoId: done.result?.videoId, shareUrl: done.result?.shareUrl })}\n`
          : `Published: ${done.result?.shareUrl ?? ''}\n`,
      );
      return 0;
    } finally {
      await backend.close();
    }
  },
};

export const queueCommand: Command = {
  name: 'queue',
  summary: 'List the upload queue (publishes and uploads, their state and progress)',
  usage: 'reelsmith queue [--json]',
  viaControl: true,
  async run(context) {
    const { args, globals, io } = context;
    parseArgs({ args, options: {}, strict: true });
    const backend = backendFor(context, false);
    try {
      const status = await backend.list();
      if (globals.json) {
        io.stdout.write(`${JSON.stringify(status)}\n`);
        return 0;
      }
      if (status.items.length === 0) io.stdout.write('The upload queue is empty.\n');
      for (const item of status.items) {
        const pct = item.bytesTotal > 0 ? Math.floor((item.bytesDone / item.bytesTotal) * 100) : 0;
        const extra = item.failure
          ? `  ${item.failure.permanent ? 'failed' : 'retrying'}: ${item.failure.message}`
          : (item.result?.shareUrl ?? '');
        io.stdout.write(
          `${item.id.padStart(4)}  ${item.state.padEnd(10)} ${String(pct).padStart(3)}%  ${item.title}  ${extra}\n`,
        );
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};
