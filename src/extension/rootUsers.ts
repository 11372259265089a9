/** The build context root that each Dockerfile reads, so that a root is watched while any of its Dockerfiles is open. */

/** The roots that a call to `RootUsers.use` or `RootUsers.release` started or stopped needing. */
export interface RootChange {
  /** A root that had no user before the call. */
  added?: string;
  /** A root that has no user left after the call. */
  removed?: string;
}

export class RootUsers {
  private readonly usersByRoot = new Map<string, Set<string>>();
  private readonly rootOfUser = new Map<string, string>();

  /** Records that `user` reads `root`, releasing the root it read before. */
  use(user: string, root: string): RootChange {
    if (this.rootOfUser.get(user) === root) return {};
    const { removed } = this.release(user);
    this.rootOfUser.set(user, root);
    let users = this.usersByRoot.get(root);
    const added = users ? undefined : root;
    if (!users) {
      users = new Set();
      this.usersByRoot.set(root, users);
    }
    users.add(user);
    return { added, removed };
  }

  /** Records that `user` reads no root any more. */
  release(user: string): RootChange {
    const root = this.rootOfUser.get(user);
    if (root === undefined) return {};
    this.rootOfUser.delete(user);
    const users = this.usersByRoot.get(root);
    users?.delete(user);
    if (users && users.size > 0) return {};
    this.usersByRoot.delete(root);
    return { removed: root };
  }

  clear(): void {
    this.usersByRoot.clear();
    this.rootOfUser.clear();
  }
}
