/**
 * The rules that every image store shares: how link members are recorded and followed, how a
 * document or a layer is looked up, and how a layout folder's members are located.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ArchiveMemberStore,
  documentBytes,
  followLinks,
  linkMember,
  MAX_LINK_HOPS,
  oversizedDocumentError,
  resolveMember,
  type DocumentMember,
  type LinkMember,
} from '../../../src/core/image/archiveMembers';
import { locateInLayout } from '../../../src/core/image/directoryStore';
import { archiveLimit } from '../../../src/core/image/archiveStore';
import { DEFAULT_MAX_INFLATED_BYTES } from '../../../src/core/archive/decompress';
import { MAX_JSON_BYTES } from '../../../src/core/image/formats';
import type { LayerReadResult } from '../../../src/core/image/layerTar';

type TestLayer = { kind: 'layer'; name: string };
type TestMember = DocumentMember | LinkMember | TestLayer;

const layer: TestLayer = { kind: 'layer', name: 'l0' };
const document: DocumentMember = { kind: 'bytes', bytes: Buffer.from('{}') };

/** Builds a map where `c0/layer.tar` reaches `blob.tar` through `links` links. */
function chainOf(links: number): Map<string, TestMember> {
  const members = new Map<string, TestMember>([['blob.tar', layer]]);
  for (let index = 0; index < links; index++) {
    const target = index === links - 1 ? 'blob.tar' : `c${index + 1}/layer.tar`;
    members.set(`c${index}/layer.tar`, { kind: 'link', target });
  }
  return members;
}

/** A store whose layers are test values, so that only the shared lookups run. */
class TestStore extends ArchiveMemberStore<TestLayer> {
  readonly layerConcurrency = 1;

  async readLayer(path: string): Promise<LayerReadResult> {
    throw new Error(`readLayer ${this.layerAt(path).name}`);
  }

  layerOf(path: string): TestLayer {
    return this.layerAt(path);
  }
}

describe('archive members', () => {
  describe('linkMember', () => {
    it('symlink relative to its folder', () => {
      assert.deepEqual(linkMember('abc/layer.tar', 'SymbolicLink', '../def.tar'), { kind: 'link', target: 'def.tar' });
    });

    it('hard link from archive root', () => {
      assert.deepEqual(linkMember('abc/layer.tar', 'Link', 'def/layer.tar'), { kind: 'link', target: 'def/layer.tar' });
    });

    it('target outside archive dropped', () => {
      assert.equal(linkMember('abc/layer.tar', 'SymbolicLink', '../../x.tar'), undefined);
      assert.equal(linkMember('layer.tar', 'Link', '../x.tar'), undefined);
    });
  });

  describe('link following', () => {
    it('eight links resolve', () => {
      assert.equal(MAX_LINK_HOPS, 8);
      assert.equal(resolveMember(chainOf(8), 'c0/layer.tar'), layer);
    });

    it('nine links are missing', () => {
      const members = chainOf(9);
      assert.equal(resolveMember(members, 'c0/layer.tar'), undefined);
      const reached = followLinks(members, 'c0/layer.tar');
      assert.equal(reached.path, 'c8/layer.tar');
      assert.deepEqual(reached.member, { kind: 'link', target: 'blob.tar' });
    });

    it('loop is missing', () => {
      const members = new Map<string, TestMember>([
        ['a', { kind: 'link', target: 'b' }],
        ['b', { kind: 'link', target: 'a' }],
      ]);
      assert.equal(resolveMember(members, 'a'), undefined);
    });

    it('dangling link is missing', () => {
      const members = new Map<string, TestMember>([['a', { kind: 'link', target: 'gone' }]]);
      assert.equal(resolveMember(members, 'a'), undefined);
      assert.deepEqual(followLinks(members, 'a'), { path: 'gone', member: undefined });
    });

    it('plain member returned as is', () => {
      assert.deepEqual(followLinks(chainOf(0), 'blob.tar'), { path: 'blob.tar', member: layer });
    });
  });

  describe('documentBytes', () => {
    it('document bytes', () => {
      assert.equal(documentBytes('img.tar', 'manifest.json', document, 'is not one.'), document.bytes);
    });

    it('other member names its kind', () => {
      assert.throws(() => documentBytes('img.tar', 'l0.tar', layer, 'is a layer, not a JSON document.'), {
        name: 'ArchiveError',
        message: 'img.tar: l0.tar is a layer, not a JSON document.',
      });
    });

    it('missing member', () => {
      assert.throws(() => documentBytes('img.tar', 'manifest.json', undefined, 'is not one.'), {
        message: 'img.tar: manifest.json is missing from the archive.',
      });
    });

    it('oversized document message', () => {
      assert.equal(oversizedDocumentError('img.tar', 'index.json').message, `img.tar: index.json is larger than ${MAX_JSON_BYTES} bytes; it is not an image document.`);
    });
  });

  describe('ArchiveMemberStore', () => {
    const members = chainOf(2);
    members.set('manifest.json', document);
    members.set('link.json', { kind: 'link', target: 'manifest.json' });
    const store = new TestStore('img.tar', members);

    it('has follows links', async () => {
      assert.equal(await store.has('c0/layer.tar'), true);
      assert.equal(await store.has('link.json'), true);
      assert.equal(await store.has('nowhere'), false);
    });

    it('has rejects long chains', async () => {
      assert.equal(await new TestStore('img.tar', chainOf(9)).has('c0/layer.tar'), false);
    });

    it('readBytes through a link', async () => {
      assert.equal(await store.readBytes('link.json'), document.bytes);
    });

    it('readBytes of a layer', async () => {
      await assert.rejects(store.readBytes('c0/layer.tar'), { message: 'img.tar: c0/layer.tar is a layer, not a JSON document.' });
    });

    it('layer through a link', () => {
      assert.equal(store.layerOf('c0/layer.tar'), layer);
    });

    it('layer that is a document', () => {
      assert.throws(() => store.layerOf('link.json'), { message: 'img.tar: link.json is not a layer tar.' });
    });

    it('missing layer', () => {
      assert.throws(() => store.layerOf('nowhere/layer.tar'), { message: 'img.tar: the layer nowhere/layer.tar is missing from the archive.' });
    });
  });

  describe('locateInLayout', () => {
    let folder: string;
    before(() => {
      folder = realpathSync(mkdtempSync(join(tmpdir(), 'layer-lens-locate-')));
      mkdirSync(join(folder, 'layout/blobs/sha256'), { recursive: true });
      writeFileSync(join(folder, 'layout/blobs/sha256/aa'), 'blob');
      writeFileSync(join(folder, 'secret'), 'secret');
      symlinkSync('aa', join(folder, 'layout/blobs/sha256/inside'));
      symlinkSync('../../../secret', join(folder, 'layout/blobs/sha256/outside'));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('member file', async () => {
      assert.equal(await locateInLayout(join(folder, 'layout'), 'blobs/sha256/aa'), join(folder, 'layout/blobs/sha256/aa'));
    });

    it('symlink inside followed', async () => {
      assert.equal(await locateInLayout(join(folder, 'layout'), 'blobs/sha256/inside'), join(folder, 'layout/blobs/sha256/aa'));
    });

    it('symlink outside rejected', async () => {
      const layout = join(folder, 'layout');
      await assert.rejects(locateInLayout(layout, 'blobs/sha256/outside'), { message: `${layout}: blobs/sha256/outside points outside the layout folder.` });
    });

    it('dot-dot path rejected', async () => {
      const layout = join(folder, 'layout');
      await assert.rejects(locateInLayout(layout, '../secret'), { message: `${layout}: ../secret points outside the layout folder.` });
    });

    it('missing member', async () => {
      const layout = join(folder, 'layout');
      await assert.rejects(locateInLayout(layout, 'blobs/sha256/bb'), {
        message: `${layout}: blobs/sha256/bb is missing from the layout, so the layout is incomplete. Copy the folder again, or export the image again.`,
      });
    });
  });
});

describe('archiveLimit', () => {
  it('follows a layer limit above the default', () => {
    assert.equal(archiveLimit(undefined), DEFAULT_MAX_INFLATED_BYTES);
    assert.equal(archiveLimit(1024), DEFAULT_MAX_INFLATED_BYTES);
    assert.equal(archiveLimit(2 * DEFAULT_MAX_INFLATED_BYTES), 2 * DEFAULT_MAX_INFLATED_BYTES);
  });
});
