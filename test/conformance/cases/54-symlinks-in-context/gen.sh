#!/bin/sh
# Makes context files git cannot hold well (symlinks, empty folders, owners, modes, archives).
set -e
ln -sfn real.txt dir/rel-link
ln -sfn /nowhere/at/all dir/dangling
ln -sfn dir/real.txt top-link
ln -sfn dir dirlink
