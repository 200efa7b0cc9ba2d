import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { StartupError } from './startup-error.js';

describe('loadConfig', () => {
  it('gives the documented defaults', async () => {
    const config = await loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.profile.locales[0]).toBe('en');
    expect(config.records.quotaBytes).toBe(256 * 1024 * 1024);
  });

  it('reads the record quota in megabytes', async () => {
    expect((await loadConfig({ RECORD_QUOTA_MB: '2' })).records.quotaBytes).toBe(2 * 1024 * 1024);
  });

  it('reads TRUST_PROXY as a number of proxies or a list of their addresses', async () => {
    expect((await loadConfig({})).trustProxy).toBe(false);
    expect((await loadConfig({ TRUST_PROXY: '2' })).trustProxy).toBe(2);
    expect((await loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1' })).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it('treats empty variables as unset', async () => {
    const config = await loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it.each([
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '1.5' }, /PORT/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY has "yes", which is not an address/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY=true would believe any X-Forwarded-For/],
    [{ RECORD_QUOTA_MB: '0' }, /RECORD_QUOTA_MB must be a whole number of megabytes/],
    [{ RECORD_QUOTA_MB: '1.5' }, /RECORD_QUOTA_MB must be a whole number of megabytes/],
    [{ RECORD_QUOTA_MB: 'lots' }, /RECORD_QUOTA_MB must be a whole number of megabytes/],
    [{ DATABASE_URL: 'postgres://[not-a-host' }, /DATABASE_URL is not a valid address/],
  ])('refuses %o with a StartupError', async (env, message) => {
    const error = await loadConfig(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(message);
  });

  describe('blob storage', () => {
    const s3 = {
      BLOB_STORE: 's3://mosaic-evidence',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'secret-password',
    };

    it('keeps blobs under DATA_DIR/blobs by default', async () => {
      const config = await loadConfig({ DATA_DIR: '/srv/mosaic' });
      expect(config.blobs).toEqual({ kind: 'fs', directory: '/srv/mosaic/blobs' });
      expect((await loadConfig({ BLOB_STORE: 'fs' })).blobs.kind).toBe('fs');
    });

    it('reads an S3 bucket with the documented defaults', async () => {
      const config = await loadConfig(s3);
      expect(config.blobs).toEqual({
        kind: 's3',
        bucket: 'mosaic-evidence',
        prefix: '',
        endpoint: undefined,
        region: 'us-east-1',
        forcePathStyle: true,
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'secret-password',
      });
    });

    it('reads a prefix, an endpoint, a region and virtual-host addressing', async () => {
      const config = await loadConfig({
        ...s3,
        BLOB_STORE: 's3://mosaic.evidence/org-a/blobs/',
        S3_ENDPOINT: 'https://objects.example.net:9000',
        S3_REGION: 'eu-west-2',
        S3_FORCE_PATH_STYLE: 'false',
      });
      expect(config.blobs).toMatchObject({
        bucket: 'mosaic.evidence',
        prefix: 'org-a/blobs/',
        endpoint: 'https://objects.example.net:9000',
        region: 'eu-west-2',
        forcePathStyle: false,
      });
    });

    it.each([
      'S3://mosaic-evidence',
      'gs://mosaic-evidence',
      'filesystem',
      's3://',
      's3://ab',
      `s3://${'a'.repeat(64)}`,
      's3://Mosaic-Evidence',
      's3://mosaic_evidence',
      's3://-mosaic',
      's3://mosaic..evidence',
      's3://192.168.1.10',
      's3://mosaic-evidence//blobs',
      's3://mosaic-evidence/../blobs',
      's3://mosaic-evidence/blobs with spaces',
      's3://AKIAEXAMPLE:secret-password@mosaic-evidence',
    ])('refuses BLOB_STORE=%s without repeating it', async (value) => {
      const error = await loadConfig({ ...s3, BLOB_STORE: value }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      const message = (error as Error).message;
      expect(message).toMatch(/^BLOB_STORE must be fs, s3:\/\/bucket or s3:\/\/bucket\/prefix/);
      expect(message).not.toContain('secret-password');
      expect(message).not.toContain(value.slice(5) || '\0');
    });

    it.each([
      [{ S3_ACCESS_KEY_ID: undefined }],
      [{ S3_SECRET_ACCESS_KEY: undefined }],
      [{ S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '' }],
    ])('refuses a bucket without both credentials (%o)', async (change) => {
      const error = await loadConfig({ ...s3, ...change }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toBe(
        'BLOB_STORE names an S3 bucket, so S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must both be set.',
      );
    });

    it.each([
      [{ S3_ENDPOINT: 'objects.example.net' }, /S3_ENDPOINT must be an http:\/\/ or https:\/\//],
      [
        { S3_ENDPOINT: 'ftp://objects.example.net' },
        /S3_ENDPOINT must be an http:\/\/ or https:\/\//,
      ],
      [{ S3_REGION: 'EU West 2' }, /S3_REGION must be a region name/],
      [{ S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE must be true or false/],
    ])('refuses %o', async (change, message) => {
      const error = await loadConfig({ ...s3, ...change }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('secret-password');
    });

    it('refuses S3 settings beside the filesystem store, naming them but not their values', async () => {
      const error = await loadConfig({
        S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        S3_SECRET_ACCESS_KEY: 'secret-password',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      const message = (error as Error).message;
      expect(message).toMatch(
        /^S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are set but BLOB_STORE is fs/,
      );
      expect(message).not.toContain('secret-password');
      expect(message).not.toContain('AKIAEXAMPLE');
    });
  });
});
