#!/bin/sh
# Makes context files git cannot hold well (symlinks, empty folders, owners, modes, archives).
set -e
ln -sfn ../real app/dirlink
