import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createHash, randomUUID } from 'node:crypto';
import { BlockBlobClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';

/** The behaviour every BlobStore adapter must have. */
export function blobStoreContract(name: string, make: () => BlobStore): void {
  describe(`BlobStore contract: ${name}`, () => {
    const base = () => `contract/${randomUUID()}`;

    it('uploads a stream and reads it back with its properties', async () => {
      const store = make();
      const path = `${base()}/a.bin`;
      await store.upload(path, Readable.from([Buffer.from('hello '), Buffer.from('world')]), {
        contentType: 'image/jpeg',
        metadata: { sha256: 'x' },
      });
      expect(await store.info(path)).toEqual({ size: 11, contentType: 'image/jpeg', metadata: { sha256: 'x' } });
      expect(await text(await store.read(path))).toBe('hello world');
      expect(await text(await store.read(path, { offset: 6, count: 5 }))).toBe('world');
    });

    it('streams a body of many small chunks, larger than a block, byte for byte', async () => {
      const store = make();
      const path = `${base()}/large.bin`;
      // 20 MB in 64 KB chunks (what a socket hands over), each chunk different: a block staged twice or out of order shows.
      const chunks = Array.from({ length: 320 }, (_, i) => Buffer.alloc(64 * 1024, i % 251));
      await store.upload(path, Readable.from(chunks), { contentType: 'video/mp4', metadata: { sha256: 'y' } });
      expect(await store.info(path)).toEqual({ size: 20 * 1024 * 1024, contentType: 'video/mp4', metadata: { sha256: 'y' } });
      const read = createHash('sha256');
      for await (const c of await store.read(path)) read.update(c as Buffer);
      expect(read.digest('hex')).toBe(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));
    });

    it('leaves no blob when the body fails part-way, even after whole blocks were sent', async () => {
      const store = make();
      const path = `${base()}/broken.bin`;
      const body = Readable.from(
        (function* () {
          for (let i = 0; i < 160; i++) yield Buffer.alloc(64 * 1024, 1);
          throw new Error('the client went away');
        })(),
      );
      await expect(store.upload(path, body)).rejects.toThrow('the client went away');
      expect(await store.info(path)).toBeUndefined();
    });

    it('reports missing blobs as undefined and deletes idempotently', async () => {
      const store = make();
      const path = `${base()}/missing`;
      expect(await store.info(path)).toBeUndefined();
      expect(await store.readJson(path)).toBeUndefined();
      expect(await store.delete(path)).toBe(false);
    });

    it('lists and deletes by prefix, leaving other prefixes alone', async () => {
      const store = make();
      const a = base();
      const b = base();
      await Promise.all([`${a}/1`, `${a}/2`, `${b}/1`].map((p) => store.uploadJson(p, { p })));
      expect((await store.list(`${a}/`)).sort()).toEqual([`${a}/1`, `${a}/2`]);
      expect(await store.deletePrefix(`${a}/`)).toBe(2);
      expect(await store.list(`${a}/`)).toEqual([]);
      expect(await store.readJson(`${b}/1`)).toEqual({ p: `${b}/1` });
    });

    it('lists by pages in name order, with when each blob was written', async () => {
      const store = make();
      const a = base();
      const before = Date.now() - 60_000;
      await Promise.all([`${a}/x/3`, `${a}/x/1`, `${a}/y/2`].map((p) => store.uploadJson(p, { p })));
      await store.uploadJson(`${base()}/other`, {});
      const first = await store.listPage(`${a}/`, { maxPageSize: 2 });
      expect(first.blobs.map((b) => b.path)).toEqual([`${a}/x/1`, `${a}/x/3`]);
      expect(first.continuation).toEqual(expect.any(String));
      const second = await store.listPage(`${a}/`, { maxPageSize: 2, continuation: first.continuation });
      expect(second).toEqual({ blobs: [{ path: `${a}/y/2`, lastModified: expect.any(Date) }] });
      for (const b of [...first.blobs, ...second.blobs]) expect(b.lastModified.getTime()).toBeGreaterThan(before);
      expect(await store.listPage(`${base()}/`, { maxPageSize: 2 })).toEqual({ blobs: [] });
      const whole = await store.listPage('contract/', { maxPageSize: 5000 });
      expect(whole.blobs.map((b) => b.path)).toEqual(expect.arrayContaining([`${a}/x/1`, `${a}/y/2`]));
    });

    it('hands out a write-only URL that the ordinary SDK can upload blocks to', async () => {
      const store = make();
      const path = `${base()}/via-sas`;
      const url = await store.writeUrl(path, new Date(Date.now() + 60_000));
      const client = new BlockBlobClient(url);
      const [one, two] = ['block-0001', 'block-0002'].map((id) => Buffer.from(id).toString('base64')) as [string, string];
      await client.stageBlock(one, Buffer.from('part1-'), 6);
      await client.stageBlock(two, Buffer.from('part2'), 5);
      await client.commitBlockList([one, two]);
      expect(await text(await store.read(path))).toBe('part1-part2');
      await expect(client.download()).rejects.toMatchObject({ statusCode: 403 });
    });

    it('keeps staged blocks out of sight until a block list commits them, and refuses a list naming an unknown block', async () => {
      const store = make();
      const path = `${base()}/staged`;
      const client = new BlockBlobClient(await store.writeUrl(path, new Date(Date.now() + 60_000)));
      const id = Buffer.from('block-0001').toString('base64');
      await client.stageBlock(id, Buffer.from('half'), 4);
      expect(await store.info(path)).toBeUndefined();
      expect(await store.list(path.slice(0, path.lastIndexOf('/')))).toEqual([]);
      await expect(client.commitBlockList([id, Buffer.from('block-0002').toString('base64')])).rejects.toMatchObject({ statusCode: 400 });
      expect(await store.info(path)).toBeUndefined();
      await client.commitBlockList([id]);
      expect(await store.info(path)).toMatchObject({ size: 4, contentType: 'application/octet-stream' });
    });

    it('hands out a read-only URL that plain HTTP can read, by range too, and that opens no other blob', async () => {
      const store = make();
      const path = `${base()}/photo`;
      await store.upload(path, Readable.from([Buffer.from('0123456789')]), { contentType: 'image/jpeg' });
      const url = await store.readUrl(path, new Date(Date.now() + 60_000));
      const whole = await fetch(url);
      expect([whole.status, whole.headers.get('content-type'), await whole.text()]).toEqual([200, 'image/jpeg', '0123456789']);
      const part = await fetch(url, { headers: { range: 'bytes=2-4' } });
      expect([part.status, await part.text()]).toEqual([206, '234']);
      await expect(new BlockBlobClient(url).upload('x', 1)).rejects.toMatchObject({ statusCode: 403 });
      const other = `${base()}/other`;
      await store.uploadJson(other, {});
      expect((await fetch(url.replace(path, other))).status).toBe(403);
    });

    it('serves a read URL with the content type and disposition it was signed with, and only those', async () => {
      const store = make();
      const path = `${base()}/original`;
      await store.upload(path, Readable.from([Buffer.from('abc')]));
      const disposition = "inline; filename*=UTF-8''a%20b.jpg";
      const url = await store.readUrl(path, new Date(Date.now() + 60_000), { contentType: 'image/jpeg', contentDisposition: disposition });
      const answer = await fetch(url);
      expect([answer.status, answer.headers.get('content-type'), answer.headers.get('content-disposition')]).toEqual([
        200,
        'image/jpeg',
        disposition,
      ]);
      const forged = new URL(url);
      forged.searchParams.set('rsct', 'text/html');
      expect((await fetch(forged)).status).toBe(403);
    });

    it('rejects reading a missing blob with 404', async () => {
      await expect(make().read(`${base()}/nothing`)).rejects.toMatchObject({ statusCode: 404 });
    });

    it('refuses writes through an expired URL', async () => {
      const store = make();
      const url = await store.writeUrl(`${base()}/late`, new Date(Date.now() - 60_000));
      await expect(new BlockBlobClient(url).upload('x', 1)).rejects.toMatchObject({ statusCode: 403 });
    });
  });
}
