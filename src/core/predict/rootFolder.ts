/**
 * The owner and mode of `/` in a RUN on a read base image. A `./` entry in a layer tar sets them,
 * and without one the builder's storage makes the root folder, whose mode differs by builder.
 */
import type { BuilderKind } from '../dockerfile/builders';
import type { FolderOwner, KnownImage } from './baseImage';

/** The root folder that Docker's storage drivers make. Only a `./` entry of this owner and mode is known to show as is on every storage. */
const dockerRootFolder: FolderOwner = { mode: 0o755, uid: 0, gid: 0 };

/**
 * The root folder that each builder's storage makes for a base image without a `./` entry.
 * Docker Engine 20.10's classic builder showed `/` as 0:0 0755 on vfs and on overlay2 storage.
 * buildah 1.28.2 showed 0:0 0555 on vfs and on overlay storage, because containers/storage makes
 * each layer's root folder 0555.
 */
const storageRootFolder: Record<BuilderKind, FolderOwner> = {
  classic: dockerRootFolder,
  // NOTE: not measured, but assumed like the classic builder, because BuildKit in Docker Engine
  // keeps its layers in the same storage drivers.
  buildkit: dockerRootFolder,
  buildah: { mode: 0o555, uid: 0, gid: 0 },
};

/**
 * Returns the owner and mode of `/` when they do not depend on the storage driver. Where no layer
 * has a `./` entry, they are the builder's root folder. A top `./` entry of 0:0 0755 is kept, as
 * Docker Engine 20.10 and buildah 1.28.2 both showed it. Another top `./` mode leaves `/`
 * uncertain, because Engine 20.10 kept a `./` of mode 0777 on vfs storage, where overlay2 showed
 * `/` as 0755.
 */
export function certainRootFolder(image: KnownImage | undefined, builder: BuilderKind): FolderOwner | undefined {
  const entry = image?.rootEntry;
  if (entry === undefined) return undefined;
  if (entry === null) return { ...storageRootFolder[builder] };
  const same = entry.mode === dockerRootFolder.mode && entry.uid === dockerRootFolder.uid && entry.gid === dockerRootFolder.gid;
  return same ? { ...dockerRootFolder } : undefined;
}
