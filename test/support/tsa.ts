/**
 * A throw-away RFC 3161 Time-Stamp Authority for tests, made with the system `openssl`:
 * a fresh CA and a TSA certificate (critical extendedKeyUsage timeStamping) in a temporary folder,
 * answering TimeStampReq DER with TimeStampResp DER by running `openssl ts -reply`. `listen()` adds a
 * loopback HTTP server speaking application/timestamp-query (RFC 3161 §3.4), as a real TSA does.
 *
 * @example
 * const tsa = await createTestTsa();
 * const response = await tsa.respond(request);
 * await verifyTimeStampResponse({ response, message, nonce, trustAnchors: [tsa.caCertificate] });
 * await tsa.close();
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestTsa {
  /** The CA certificate (DER): the trust anchor to configure. */
  readonly caCertificate: Uint8Array;
  /** The TSA's signing certificate (DER). */
  readonly tsaCertificate: Uint8Array;
  /** The TSA's private key (PKCS #8 DER, EC P-256), to build tokens by hand in tests. */
  readonly tsaPrivateKey: Uint8Array;
  /**
   * Another certificate from the same CA (DER, with its PKCS #8 key): with the critical
   * timeStamping extended key usage, or (to test refusals) with none.
   */
  issueCertificate(options: {
    readonly timeStamping: boolean;
  }): Promise<{ certificate: Uint8Array; privateKey: Uint8Array }>;
  /** `openssl ts -verify` of a token (ContentInfo DER) for `data` against this CA: true if OK. */
  opensslVerify(token: Uint8Array, data: Uint8Array): Promise<boolean>;
  /** TimeStampReq DER → TimeStampResp DER, through `openssl ts -reply`. */
  respond(request: Uint8Array): Promise<Uint8Array>;
  /** Starts a loopback HTTP TSA; resolves to its URL. */
  listen(): Promise<string>;
  /** Stops the HTTP server (if started) and deletes the folder. */
  close(): Promise<void>;
}

export interface TestTsaOptions {
  /** Common name of the CA (so two test TSAs have different CAs). */
  readonly caName?: string;
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 20_000 });
}

export async function createTestTsa(options: TestTsaOptions = {}): Promise<TestTsa> {
  const dir = await mkdtemp(join(tmpdir(), 'mosaic-tsa-'));
  const caName = options.caName ?? 'Mosaic Test TSA Root';
  await writeFile(
    join(dir, 'ca.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  await writeFile(
    join(dir, 'tsa.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      'extendedKeyUsage=critical,timeStamping',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `dir = ${dir}`,
      'serial = $dir/serial',
      'crypto_device = builtin',
      'signer_cert = $dir/tsa.pem',
      'certs = $dir/ca.pem',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.55555.3161.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'serial'), '01\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-subj',
      `/CN=${caName}`,
      '-extensions',
      'v3_ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await openssl(
    ['req', '-new', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Mosaic Test TSA'],
    dir,
  );
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      'tsa.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'tsa.pem',
      '-days',
      '3650',
      '-extfile',
      'tsa.ext',
    ],
    dir,
  );
  await openssl(['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der'], dir);
  await openssl(['x509', '-in', 'tsa.pem', '-outform', 'DER', '-out', 'tsa.der'], dir);
  await openssl(
    ['pkcs8', '-topk8', '-nocrypt', '-in', 'tsa.key', '-outform', 'DER', '-out', 'tsa.p8'],
    dir,
  );
  const tsaPrivateKey = new Uint8Array(await readFile(join(dir, 'tsa.p8')));
  const caCertificate = new Uint8Array(await readFile(join(dir, 'ca.der')));
  const tsaCertificate = new Uint8Array(await readFile(join(dir, 'tsa.der')));

  let issued = 0;
  const issueCertificate = async (opts: { readonly timeStamping: boolean }) => {
    const n = ++issued;
    const ext = opts.timeStamping
      ? 'extendedKeyUsage=critical,timeStamping\n'
      : 'keyUsage=critical,digitalSignature\n';
    await writeFile(join(dir, `c${n}.ext`), `basicConstraints=critical,CA:FALSE\n${ext}`);
    await openssl(
      [
        'req',
        '-new',
        ...ec,
        '-keyout',
        `c${n}.key`,
        '-out',
        `c${n}.csr`,
        '-subj',
        `/CN=Test signer ${n}`,
      ],
      dir,
    );
    await openssl(
      [
        'x509',
        '-req',
        '-in',
        `c${n}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `c${n}.pem`,
        '-days',
        '30',
        '-extfile',
        `c${n}.ext`,
        '-outform',
        'DER',
      ],
      dir,
    );
    await openssl(
      ['pkcs8', '-topk8', '-nocrypt', '-in', `c${n}.key`, '-outform', 'DER', '-out', `c${n}.p8`],
      dir,
    );
    return {
      certificate: new Uint8Array(await readFile(join(dir, `c${n}.pem`))),
      privateKey: new Uint8Array(await readFile(join(dir, `c${n}.p8`))),
    };
  };

  let counter = 0;
  // openssl keeps its serial file; one reply at a time keeps it consistent.
  let queue: Promise<unknown> = Promise.resolve();
  const respond = (request: Uint8Array): Promise<Uint8Array> => {
    const job = queue.then(async () => {
      const n = ++counter;
      const tsq = join(dir, `req-${n}.tsq`);
      const tsr = join(dir, `resp-${n}.tsr`);
      await writeFile(tsq, request);
      await openssl(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', tsq, '-out', tsr], dir);
      return new Uint8Array(await readFile(tsr));
    });
    queue = job.catch(() => undefined);
    return job;
  };

  let checks = 0;
  const opensslVerify = async (token: Uint8Array, data: Uint8Array): Promise<boolean> => {
    const n = ++checks;
    await writeFile(join(dir, `check-${n}.tst`), token);
    await writeFile(join(dir, `check-${n}.dat`), data);
    try {
      await openssl(
        [
          'ts',
          '-verify',
          '-token_in',
          '-in',
          `check-${n}.tst`,
          '-data',
          `check-${n}.dat`,
          '-CAfile',
          'ca.pem',
        ],
        dir,
      );
      return true;
    } catch {
      return false;
    }
  };

  let server: Server | undefined;
  const listen = async (): Promise<string> => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 64 * 1024) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        if (
          req.method !== 'POST' ||
          req.headers['content-type'] !== 'application/timestamp-query'
        ) {
          res.writeHead(415).end();
          return;
        }
        respond(new Uint8Array(Buffer.concat(chunks))).then(
          (body) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
          () => res.writeHead(400).end(),
        );
      });
    });
    const s = server;
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const { port } = s.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  };

  return {
    caCertificate,
    tsaCertificate,
    tsaPrivateKey,
    issueCertificate,
    opensslVerify,
    respond,
    listen,
    close: async () => {
      const s = server;
      if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
