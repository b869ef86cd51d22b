#!/usr/bin/env python3
"""Writes one release archive whose bytes depend only on the files put in it.

    archive.py OUT EPOCH NAME=PATH...

OUT ends in .zip or .tar.gz; every entry NAME gets the bytes of PATH, the
time EPOCH (seconds since 1970, UTC), no owner, and the mode 755 when PATH is
executable, else 644, in the order given. A .tar.gz puts the entries in a
folder named after the archive, as tar users expect; a .zip holds them
directly, since Windows' 全部解压缩 already makes a folder of the archive's
name.

Info-ZIP's zip, the other way to write a .zip here, never sets the flag that
says an entry's name is UTF-8, and without it Windows reads 使用说明.txt in
the local code page (GBK) and shows it garbled; Python's zipfile sets it.
"""

import gzip
import io
import os
import sys
import tarfile
import time
import zipfile


def entries(args):
    """The (name, path, mode) of every NAME=PATH argument."""
    for arg in args:
        name, path = arg.split("=", 1)
        mode = 0o755 if os.access(path, os.X_OK) else 0o644
        yield name, path, mode


def write_zip(out, epoch, files):
    stamp = time.gmtime(epoch)[:6]
    with zipfile.ZipFile(out, "w") as archive:
        for name, path, mode in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below is read
            info.external_attr = (0o100000 | mode) << 16
            with open(path, "rb") as source:
                archive.writestr(info, source.read(), compresslevel=9)


def write_tar_gz(out, epoch, files):
    folder = os.path.basename(out)[: -len(".tar.gz")]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT, encoding="utf-8") as archive:
        archive.addfile(owned_by_nobody(tarfile.TarInfo(folder), tarfile.DIRTYPE, 0o755, epoch))
        for name, path, mode in files:
            with open(path, "rb") as source:
                data = source.read()
            info = owned_by_nobody(tarfile.TarInfo(f"{folder}/{name}"), tarfile.REGTYPE, mode, epoch)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    # No file name in the gzip header, and the entries' time as its time.
    with open(out, "wb") as target:
        with gzip.GzipFile(filename="", mode="wb", fileobj=target, compresslevel=9, mtime=epoch) as compressed:
            compressed.write(buffer.getvalue())


def owned_by_nobody(info, kind, mode, epoch):
    info.type = kind
    info.mode = mode
    info.mtime = epoch
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, epoch, files = sys.argv[1], int(sys.argv[2]), list(entries(sys.argv[3:]))
    if out.endswith(".zip"):
        write_zip(out, epoch, files)
    elif out.endswith(".tar.gz"):
        write_tar_gz(out, epoch, files)
    else:
        sys.exit(f"archive.py: {out} is neither .zip nor .tar.gz")


if __name__ == "__main__":
    main()
