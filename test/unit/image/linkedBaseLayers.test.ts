/** Whether an image read apart is the base a linked image was built on, by the diff IDs of its layers. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageConfig } from '../../../src/core/image/knownImage';
import { hasLinkedBaseLayers } from '../../../src/core/image/linkedBaseLayers';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { listedLayers, writeListedArchive, type ListedEntry } from './listedImage';

const fixtures = join(__dirname, '../../fixtures/images/buildah-onbuild');

const diffIdsOf = (image: ImageData) => image.layers.map((layer) => layer.diffId);

describe('linked base layers', () => {
  let folder = '';
  let child: ImageData;

  /** Reads the base image with `change` applied to its listed layers, written to a folder of its own. */
  async function readBase(change: (layers: ListedEntry[][]) => ListedEntry[][]): Promise<ImageData> {
    const changed = mkdtempSync(join(folder, 'base-'));
    copyFileSync(join(fixtures, 'onbase', 'config.json'), join(changed, 'config.json'));
    writeFileSync(join(changed, 'layers.json'), JSON.stringify(change(listedLayers(join(fixtures, 'onbase')))));
    return readImage({ kind: 'path', path: writeListedArchive(changed, changed, 'localhost/onbase') });
  }

  /** Links the child image with the base's configuration, as the editor does with the engine's image. */
  function linkWith(base: ImageData) {
    const baseImages = (reference: string) => (reference === 'localhost/onbase' ? imageConfig(base.config) : undefined);
    return linkDockerfile(child, readFileSync(join(fixtures, 'child.Dockerfile'), 'utf8'), { path: 'child.Dockerfile', baseImages });
  }

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-linked-base-'));
    child = await readImage({ kind: 'path', path: writeListedArchive(join(fixtures, 'onchild-oci'), folder, 'localhost/onchild') });
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('base the child was built on', async () => {
    const base = await readBase((layers) => layers);
    assert.equal(hasLinkedBaseLayers(diffIdsOf(base), child, linkWith(base)), true);
  });

  it('rebuilt base with other content', async () => {
    const base = await readBase((layers) => layers.map((entries) => entries.map((entry) => (entry.name === './base.txt' ? { ...entry, text: 'rebuilt\n' } : entry))));
    assert.equal(hasLinkedBaseLayers(diffIdsOf(base), child, linkWith(base)), false);
  });

  it('older base with fewer layers', async () => {
    const base = await readBase((layers) => layers.slice(0, 1));
    assert.equal(hasLinkedBaseLayers(diffIdsOf(base), child, linkWith(base)), false);
  });
});
