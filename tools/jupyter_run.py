#!/usr/bin/python3
"""Executes a notebook in plain Jupyter (nbclient, Debian's python3-nbclient) with the .NET Interactive C# kernel.

usage: /usr/bin/python3 tools/jupyter_run.py NOTEBOOK.ipynb OUT.ipynb [timeout-seconds]

The kernel starts in the notebook's folder (so its `#r "../artifacts/kit/..."` lines resolve as in VS Code). Plain
Jupyter ignores Polyglot's per-cell kernel metadata: every cell goes to C#, and F# cells run through their `#!fsharp`
magic. The kernel's bootstrap output (a script that loads its JavaScript API from the kernel's HTTP port or a CDN, with
the host's addresses) is removed before the executed copy is written. Exit 0 when every cell ran, 1 on a cell error.
The kernel starts with MALLOC_ARENA_MAX=1 unless the caller set it (the kit's Kit.HostEnvironment: a kernel trains on
a pool thread, and glibc's per-thread arenas halve its speed).
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

BOOTSTRAP_MARKERS = ("dotnet-interactive.js", "dotnetInteractiveRequire", "kernel-client-id", "configureRequire")


def is_bootstrap(output):
    data = output.get("data", {})
    text = "".join(data.get("text/html", "")) + "".join(data.get("application/javascript", ""))
    return any(m in text for m in BOOTSTRAP_MARKERS)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, out = argv[1], argv[2]
    timeout = int(argv[3]) if len(argv) > 3 else 600
    os.environ.setdefault("MALLOC_ARENA_MAX", "1")   # inherited by the kernel nbclient starts (Kit.HostEnvironment)
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, kernel_name=".net-csharp", timeout=timeout,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}})
    code = 0
    try:
        client.execute()
    except CellExecutionError as e:
        print(str(e)[:4000], file=sys.stderr)
        code = 1
    removed = 0
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            kept = [o for o in cell.get("outputs", []) if not is_bootstrap(o)]
            removed += len(cell.get("outputs", [])) - len(kept)
            cell["outputs"] = kept
    print(f"jupyter_run: {src} -> {out}: {'ok' if code == 0 else 'FAILED'}; removed {removed} bootstrap output(s)")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    nbformat.write(nb, out)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
