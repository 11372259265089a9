/** The build context as the analysis reads it: the files a builder would receive. */

export type ContextFileType = 'file' | 'directory' | 'symlink' | 'other';

/** One path of the build context, after `.dockerignore` is applied. */
export interface ContextFile {
  /** Path relative to the context root, `/`-separated, without a leading `./` (`''` is the root). */
  path: string;
  type: ContextFileType;
  /** Content bytes for files; 0 for directories and symlinks. */
  size: number;
  /** Permission and special bits (`0o4755`), without the file type bits. */
  mode: number;
  uid: number;
  gid: number;
  /** The link text of a symlink, as stored. */
  linkTarget?: string;
  /**
   * Set on a directory that `.dockerignore` excludes but that the context still contains because a
   * pattern re-includes something inside it. Builders create such a directory with default
   * metadata instead of copying the source directory's own.
   */
  recreated?: boolean;
  /** Set on a FIFO (named pipe), whose type is `other`. Docker 20.10's classic builder and buildah copy it as a FIFO. */
  fifo?: true;
  /**
   * The device and inode numbers (`dev:ino`) of a regular file with more than one name (hard
   * links), the same on each of its names. Builders copy the names as one file and hard links.
   */
  inode?: string;
}

/** A path the walk could not read, with the reason. */
export interface ContextProblem {
  path: string;
  message: string;
}

/** Progress of a context walk. */
export interface WalkProgress {
  files: number;
  directories: number;
}

export interface WalkOptions {
  /** Absolute host path of the Dockerfile, for `<name>.dockerignore` beside it. */
  dockerfilePath?: string;
  /** Set to also try the `.containerignore` names that buildah reads (see `ignoreFileCandidates`). */
  containerIgnore?: boolean;
  onProgress?: (progress: WalkProgress) => void;
  /** Stop with a problem after this many entries (default 1,000,000). */
  maxEntries?: number;
  signal?: AbortSignal;
  /**
   * Maximum time, in milliseconds, of synchronous file system calls before the walk lets other
   * callbacks run (default 5). A caller on a worker thread may pass `Infinity`.
   */
  yieldIntervalMs?: number;
}
