/**
 * The changes of each layer of the archives under `test/fixtures/images/real-layers/` and
 * `multi-platform/`, worked out by hand from their Dockerfiles and from how each builder writes
 * a layer. One row per entry: `change type size path`, then `-> target` for links and `opaque`
 * for an opaque directory. A deletion shows the type and size of the version it hides.
 */

/** The diff ID of `busybox-local-2.tar`'s only layer, the base of every real-layers archive. */
export const BUSYBOX_DIFF_ID = 'sha256:2d288f52844fc7edbe6ccb43c8b770d502159ce3d88a1a5db1cb8820465bc3ed';

/** History entry index to the layer rows it made; entries without a layer are absent. */
export type LayerRows = Record<number, string[]>;

/** `COPY app/ /app/`: the context's folder, its sub-folder and four files (bytes of their text). */
const copyApp = [
  'added directory 0 /app',
  'added directory 0 /app/cache',
  'added file 9 /app/cache/a.txt',
  'added file 10 /app/cache/b.txt',
  'added file 4 /app/old.txt',
  'added file 11 /app/secret.txt',
];

/**
 * `RUN chmod 600 /app/secret.txt`: the whole file is copied up with its old 11 bytes, and its
 * folder comes along because a layer tar lists the parents of every change.
 */
const chmodSecret = ['modified directory 0 /app', 'modified file 11 /app/secret.txt'];

/**
 * buildah's first RUN also leaves the mount points and the empty files it bind-mounts over
 * (`/etc/hosts`, ...). `/etc` is in the base image; the others are not.
 */
const buildahRunLeftovers = [
  'added directory 0 /dev',
  'modified directory 0 /etc',
  'added file 0 /etc/hostname',
  'added file 0 /etc/hosts',
  'added file 0 /etc/resolv.conf',
  'added directory 0 /proc',
  'added directory 0 /run',
  'added directory 0 /sys',
];

/**
 * `echo linked > /app/file.txt && ln ... /app/hard.txt && ln -s file.txt /app/soft`: the tar
 * writer walks names in order, so `file.txt` carries the 7 bytes and `hard.txt` links to it.
 */
const links = [
  'modified directory 0 /app',
  'added file 7 /app/file.txt',
  'added hardlink 0 /app/hard.txt -> /app/file.txt',
  'added symlink 0 /app/soft -> file.txt',
];

/**
 * The last RUN on overlay2: `rm /app/old.txt` leaves a whiteout, and `/app/cache`, removed and
 * made again, is an opaque directory in the upper layer.
 */
const removeOverlay = [
  'modified directory 0 /app',
  'modified directory 0 /app/cache opaque',
  'added file 4 /app/cache/fresh.txt',
  'deleted file 4 /app/old.txt',
];

/** The same RUN on vfs: the diff of two trees has one whiteout per removed file, and no opaque marker. */
const removeVfs = [
  'modified directory 0 /app',
  'modified directory 0 /app/cache',
  'deleted file 9 /app/cache/a.txt',
  'deleted file 10 /app/cache/b.txt',
  'added file 4 /app/cache/fresh.txt',
  'deleted file 4 /app/old.txt',
];

export const dockerOverlayRows: LayerRows = { 1: copyApp, 3: chmodSecret, 4: links, 5: removeOverlay };

export const buildahRows: LayerRows = { 1: copyApp, 3: [...chmodSecret, ...buildahRunLeftovers], 4: links, 5: removeVfs };

/** The history entries of every real-layers archive: base, COPY, ENV, three RUNs, LABEL. */
export const realLayersHistory = {
  /** Whether each entry has no layer: the classic builder and buildah both mark ENV and LABEL. */
  emptyLayer: [false, false, true, false, false, false, true],
  /** `[role, line]` of each entry once linked to the Dockerfile; the base entry points at FROM. */
  mapping: [['base', 1], ['step', 2], ['step', 3], ['step', 4], ['step', 5], ['step', 6], ['step', 7]],
};

/** `multi-platform.oci.tar`: ARG makes no layer, then one COPY layer each for `/shared.txt` and `/arch.txt`. */
export const multiPlatformRows: Record<string, LayerRows> = {
  'linux/amd64': { 1: ['added file 7 /shared.txt'], 2: ['added file 6 /arch.txt'] },
  'linux/arm64/v8': { 1: ['added file 7 /shared.txt'], 2: ['added file 9 /arch.txt'] },
};

