/**
 * A real S3-compatible server for tests: Debian's OpenStack Swift (2.30 in bookworm) with its
 * s3api middleware and tempauth, built as a throw-away all-in-one cluster in a temporary folder
 * (one device, one replica; account, container, object and proxy servers as child processes on
 * loopback ports) and removed afterwards. S3 access key `test:tester`, secret `testing`, as in
 * Swift's SAIO guide.
 *
 * Without Swift installed the S3 tier is skipped; MOSAIC_REQUIRE_ALL_TIERS=1 (CI) makes that a
 * failure instead. Install: apt-get install swift swift-proxy swift-account swift-container
 * swift-object python3-swift.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { S3 } from '@aws-sdk/client-s3';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { REQUIRE_ALL_TIERS } from './databases.js';

const SERVERS = ['account', 'container', 'object', 'proxy'] as const;
type ServerName = (typeof SERVERS)[number];

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir !== '' && existsSync(file)) return file;
  }
  return undefined;
}

const BINARIES = Object.fromEntries(
  SERVERS.map((name) => [name, onPath(`swift-${name}-server`)]),
) as Record<ServerName, string | undefined>;

export const HAVE_SWIFT = SERVERS.every((name) => BINARIES[name] !== undefined);

if (REQUIRE_ALL_TIERS && !HAVE_SWIFT) {
  throw new Error(
    'MOSAIC_REQUIRE_ALL_TIERS=1 but OpenStack Swift is not installed ' +
      '(apt-get install swift swift-proxy swift-account swift-container swift-object python3-swift)',
  );
}

export const S3_REGION = 'us-east-1';
const ACCESS_KEY_ID = 'test:tester';
const SECRET_ACCESS_KEY = 'testing';

export interface S3Server {
  readonly endpoint: string;
  /** A client for checking what is in a bucket, independently of the code under test. */
  readonly client: S3;
  /** Makes a bucket (or finds it made) and returns the environment that points Mosaic at it. */
  bucket(name: string, prefix?: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * The interpreter Swift's own scripts run with (the shebang of swift-proxy-server): `python3`
 * on PATH may be another Python without Swift's modules.
 */
function swiftPython(): string {
  const shebang = readFileSync(BINARIES.proxy!, 'utf8').split('\n', 1)[0] ?? '';
  return shebang.replace(/^#!\s*/, '').split(/\s+/)[0] || 'python3';
}

/**
 * Swift's object server keeps each object's metadata in user xattrs, so the cluster's folder
 * must be on a filesystem that has them.
 */
const XATTR_CHECK = `
import os, sys
os.setxattr(sys.argv[1], 'user.mosaic.check', b'1')
`;

/**
 * The three rings, one device each. Swift's RingBuilder in one process does what nine
 * swift-ring-builder runs (create, add, rebalance per ring) would, in about a seventh of the
 * time: each run pays Python's start-up and Swift's imports again.
 */
const RINGS = `
import os, sys
from swift.common.ring import RingBuilder
for name, port in zip(('account', 'container', 'object'), sys.argv[2:5]):
    builder = RingBuilder(6, 1, 1)
    builder.add_dev({'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': int(port),
                     'device': 'd1', 'weight': 1})
    builder.rebalance()
    builder.get_ring().save(os.path.join(sys.argv[1], name + '.ring.gz'))
`;

const SETPRIV = onPath('setpriv');

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ code: null, output: error.message }));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** A new folder for the cluster (swift.conf, rings, device) on the first filesystem with xattrs. */
async function clusterFolder(python: string): Promise<string> {
  const parents = [os.tmpdir(), '/var/tmp', path.join(PROJECT_ROOT, 'data')];
  for (const parent of parents) {
    await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(path.join(parent, 'mosaic-swift-'));
    const device = path.join(dir, 'srv', 'd1');
    await mkdir(device, { recursive: true });
    if ((await run(python, ['-c', XATTR_CHECK, device])).code === 0) {
      await writeFile(
        path.join(dir, 'swift.conf'),
        '[swift-hash]\nswift_hash_path_suffix = mosaic-test\nswift_hash_path_prefix = mosaic-test\n' +
          '[storage-policy:0]\nname = Policy-0\ndefault = yes\n',
      );
      return dir;
    }
    await rm(dir, { recursive: true, force: true });
  }
  throw new Error(`none of ${parents.join(', ')} keeps extended attributes, which Swift needs`);
}

type Child = { name: ServerName; child: ChildProcess; output: () => string };

async function stopAll(children: readonly Child[]): Promise<void> {
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function serverConf(name: ServerName, swiftDir: string, port: number): string {
  const common = [
    '[DEFAULT]',
    `swift_dir = ${swiftDir}`,
    `devices = ${path.join(swiftDir, 'srv')}`,
    'mount_check = false',
    'bind_ip = 127.0.0.1',
    `bind_port = ${port}`,
    // One process each, no forked workers: two cores, and a clean stop on SIGTERM.
    'workers = 0',
    `user = ${os.userInfo().username}`,
    // Errors only, and (with -v) to stderr, kept for the message if a server dies.
    'log_level = ERROR',
  ];
  if (name !== 'proxy') {
    return [
      ...common,
      '[pipeline:main]',
      `pipeline = ${name}-server`,
      `[app:${name}-server]`,
      `use = egg:swift#${name}`,
      '',
    ].join('\n');
  }
  return [
    ...common,
    '[pipeline:main]',
    // Swift's documented order: s3api before the auth middleware, slo after it (multipart
    // uploads are completed as static large objects); tempauth needs the memcache middleware
    // in the pipeline, and falls back to no cache when no memcached answers.
    'pipeline = catch_errors gatekeeper proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server',
    '[app:proxy-server]',
    'use = egg:swift#proxy',
    'account_autocreate = true',
    '[filter:catch_errors]',
    'use = egg:swift#catch_errors',
    '[filter:gatekeeper]',
    'use = egg:swift#gatekeeper',
    '[filter:proxy-logging]',
    'use = egg:swift#proxy_logging',
    '[filter:cache]',
    'use = egg:swift#memcache',
    // A port nothing listens on: no memcached is wanted, and a real one must not be used.
    'memcache_servers = 127.0.0.1:1',
    '[filter:listing_formats]',
    'use = egg:swift#listing_formats',
    '[filter:s3api]',
    'use = egg:swift#s3api',
    `location = ${S3_REGION}`,
    '[filter:tempauth]',
    'use = egg:swift#tempauth',
    'user_test_tester = testing .admin',
    '[filter:copy]',
    'use = egg:swift#copy',
    '[filter:slo]',
    'use = egg:swift#slo',
    '[filter:dlo]',
    'use = egg:swift#dlo',
    '',
  ].join('\n');
}

export async function startS3Server(): Promise<S3Server> {
  if (!HAVE_SWIFT) throw new Error('OpenStack Swift is not installed');
  const python = swiftPython();
  const ports = { account: 0, container: 0, object: 0, proxy: 0 };
  for (const name of SERVERS) ports[name] = await freePort();

  const dir = await clusterFolder(python);
  const children: Child[] = [];
  const stop = async (): Promise<void> => {
    await stopAll(children);
    await rm(dir, { recursive: true, force: true });
  };

  const start = async (name: ServerName): Promise<void> => {
    const conf = path.join(dir, `${name}-server.conf`);
    await writeFile(conf, serverConf(name, dir, ports[name]));
    // -v: errors to stderr, kept for the message if the server dies.
    const command = [python, BINARIES[name]!, conf, '-v'];
    // setpriv --pdeathsig: if the test process dies without stopping them, the servers go too.
    const child = SETPRIV
      ? spawn(SETPRIV, ['--pdeathsig', 'TERM', '--', ...command], {
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    children.push({ name, child, output: () => output });
  };
  // The storage servers start while the rings are built (they read them only when replicating);
  // the proxy needs the rings at once.
  for (const name of ['account', 'container', 'object'] as const) await start(name);
  const rings = await run(python, [
    '-c',
    RINGS,
    dir,
    String(ports.account),
    String(ports.container),
    String(ports.object),
  ]);
  if (rings.code !== 0) {
    await stop();
    throw new Error(`could not build Swift's rings: ${rings.output}`);
  }
  await start('proxy');

  const endpoint = `http://127.0.0.1:${ports.proxy}`;
  const client = new S3({
    endpoint,
    region: S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });

  // Ready when a bucket can be made and an object written, read and deleted: that has passed
  // through all four servers.
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  for (;;) {
    const dead = children.find(({ child }) => child.exitCode !== null);
    if (dead) {
      await stop();
      throw new Error(
        `swift-${dead.name}-server exited (${dead.child.exitCode}): ${dead.output()}`,
      );
    }
    try {
      await client.createBucket({ Bucket: 'mosaic-ready' }).catch((error: unknown) => {
        if ((error as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw error;
      });
      await client.putObject({ Bucket: 'mosaic-ready', Key: 'probe', Body: 'ok' });
      const body = await (
        await client.getObject({ Bucket: 'mosaic-ready', Key: 'probe' })
      ).Body?.transformToString();
      await client.deleteObject({ Bucket: 'mosaic-ready', Key: 'probe' });
      if (body === 'ok') break;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Swift did not become ready: ${String(lastError)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    endpoint,
    client,
    async bucket(name, prefix) {
      await client.createBucket({ Bucket: name }).catch((error: unknown) => {
        if ((error as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw error;
      });
      return {
        BLOB_STORE: `s3://${name}${prefix ? `/${prefix}` : ''}`,
        S3_ENDPOINT: endpoint,
        S3_REGION,
        S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
        S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
        S3_FORCE_PATH_STYLE: 'true',
      };
    },
    async stop() {
      client.destroy();
      await stop();
    },
  };
}
