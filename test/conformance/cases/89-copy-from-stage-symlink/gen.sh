#!/bin/sh
# Makes context files git cannot hold well (symlinks, empty folders, owners, modes, archives).
set -e
ln -sfn real data/link
ln -sfn /data/real data/abslink
ln -sfn real/f.txt data/flink
