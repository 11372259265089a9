#!/bin/sh
# Makes context files git cannot hold well (symlinks, empty folders, owners, modes, archives).
set -e
chmod 755 payload/bin/tool.sh
T="tar --sort=name --mtime=@1500000000 --owner=0 --group=0 --numeric-owner --format=gnu"
$T -C payload -cf bundle.tar .
bzip2 -9 -c bundle.tar > bundle.tar.bz2
xz -9 -c bundle.tar > bundle.tar.xz
rm bundle.tar
gzip -n -9 -c data.txt > data.gz
rm -r payload data.txt
