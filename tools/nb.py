#!/usr/bin/env python3
"""Converts between a Polyglot notebook (.ipynb, saved without outputs) and a compact text form for editing.

Text form: cells separated by lines '#%% md', '#%% csharp' or '#%% fsharp'. The .ipynb is the source of truth.
Usage: tools/nb.py SRC.txt OUT.ipynb   (write a notebook)
       tools/nb.py --text NB.ipynb     (print a notebook in the text form)
"""
import json, sys

def cell(kind, lines):
    src = "\n".join(lines).strip("\n")
    source = [l + "\n" for l in src.split("\n")]
    source[-1] = source[-1].rstrip("\n")
    if kind == "md":
        return {"cell_type": "markdown", "metadata": {}, "source": source}
    return {"cell_type": "code", "execution_count": None, "outputs": [], "source": source,
            "metadata": {"dotnet_interactive": {"language": kind}, "polyglot_notebook": {"kernelName": kind}}}

def main(src, out):
    cells, kind, lines = [], None, []
    for line in open(src, encoding="utf-8").read().split("\n"):
        if line.startswith("#%% "):
            if kind: cells.append(cell(kind, lines))
            kind, lines = line[4:].strip(), []
        else:
            lines.append(line)
    if kind: cells.append(cell(kind, lines))
    nb = {"cells": cells, "metadata": {
        "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "polyglot-notebook"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [
            {"aliases": [], "languageName": "csharp", "name": "csharp"},
            {"aliases": [], "languageName": "fsharp", "name": "fsharp"}]}}},
        "nbformat": 4, "nbformat_minor": 5}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")

def text(path):
    nb = json.load(open(path, encoding="utf-8"))
    for c in nb["cells"]:
        kind = "md" if c["cell_type"] == "markdown" else c.get("metadata", {}).get("polyglot_notebook", {}).get("kernelName", "csharp")
        print("#%% " + kind)
        print("".join(c["source"]))

if __name__ == "__main__":
    if sys.argv[1] == "--text":
        text(sys.argv[2])
    else:
        main(sys.argv[1], sys.argv[2])
