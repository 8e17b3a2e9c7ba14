#!/usr/bin/env python3
"""Converts between a Polyglot notebook (.ipynb, saved without outputs) and a compact text form for editing.

Text form: cells separated by lines '#%% md', '#%% csharp' or '#%% fsharp' (alone on their line). The .ipynb is the
source of truth. An F# cell always starts with the '#!fsharp' magic: plain Jupyter (nbclient with the .net-csharp
kernel) ignores the per-cell kernel metadata and would send the cell to C# without it. A markdown cell that holds code
(a '#r "' reference, a cell marker, a 'using'/'open' line) is refused: text in a markdown cell never runs.
Usage: tools/nb.py SRC.txt OUT.ipynb   (write a notebook)
       tools/nb.py --text NB.ipynb     (print a notebook in the text form)
"""
import json, re, sys

KINDS = ("md", "csharp", "fsharp")
MARKER = re.compile(r"^#%%\s*(\S+)\s*$")
CODE_IN_MARKDOWN = re.compile(r'^\s*(#r\s+"|#!\w|.*%%\s*(csharp|fsharp|md)\b|using\s+[A-Z]\w*(\.\w+)*\s*;|open\s+[A-Z]\w*\s*$|let\s+\w+\s*=)')

def cell(kind, lines, number):
    src = "\n".join(lines).strip("\n")
    if kind == "md":
        in_fence = False
        for line in src.split("\n"):
            if line.strip().startswith("```"):
                in_fence = not in_fence
                continue
            if not in_fence and CODE_IN_MARKDOWN.match(line):
                raise SystemExit(f"cell {number} (markdown) holds code, which would never run: {line.strip()!r}. Start a code cell with '#%% csharp' or '#%% fsharp'.")
    if kind == "fsharp" and not src.startswith("#!fsharp"):
        src = "#!fsharp\n" + src
    source = [l + "\n" for l in src.split("\n")]
    source[-1] = source[-1].rstrip("\n")
    if kind == "md":
        return {"cell_type": "markdown", "metadata": {}, "source": source}
    return {"cell_type": "code", "execution_count": None, "outputs": [], "source": source,
            "metadata": {"dotnet_interactive": {"language": kind}, "polyglot_notebook": {"kernelName": kind}}}

def parse(text):
    cells, kind, lines = [], None, []
    for line in text.split("\n"):
        m = MARKER.match(line)
        if m:
            if m.group(1) not in KINDS:
                raise SystemExit(f"unknown cell kind '{m.group(1)}' (use one of {', '.join(KINDS)})")
            if kind: cells.append(cell(kind, lines, len(cells) + 1))
            kind, lines = m.group(1), []
        elif kind is None:
            if line.strip():
                raise SystemExit("the text form must start with a cell marker such as '#%% md'")
        else:
            lines.append(line)
    if kind: cells.append(cell(kind, lines, len(cells) + 1))
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "polyglot-notebook"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [
            {"aliases": [], "languageName": "csharp", "name": "csharp"},
            {"aliases": [], "languageName": "fsharp", "name": "fsharp"}]}}},
        "nbformat": 4, "nbformat_minor": 5}

def to_text(nb):
    out = []
    for c in nb["cells"]:
        kind = "md" if c["cell_type"] == "markdown" else c.get("metadata", {}).get("polyglot_notebook", {}).get("kernelName", "csharp")
        out.append("#%% " + kind)
        out.append("".join(c["source"]))
    return "\n".join(out) + "\n"

def main(src, out):
    nb = parse(open(src, encoding="utf-8").read())
    with open(out, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--text":
        sys.stdout.write(to_text(json.load(open(sys.argv[2], encoding="utf-8"))))
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        raise SystemExit(__doc__)
