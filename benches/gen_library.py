#!/usr/bin/env python3
"""Generate a library of N snippets for timing `hotline-reply check` (and `list`, `compose`).

    benches/gen_library.py 1000 /tmp/lib-1000
    hotline-reply check --library /tmp/lib-1000

Each snippet is the shipped drop-charges response with its id and title varied, plus more
questions than the seed has, so the exhaustive check has real work: a yes-no question (the
seed's conditional paragraph), a three-way choice used inside a block's text, and an
optional text answer that adds a signature. Every tenth snippet also names the state in a
template, so it is rendered for each of the 56 jurisdictions rather than once. All
snippets are valid: `check` should report only the registry's unverified links. The
shipped drop-charges snippet itself is copied in too, so `compose drop-charges` can be
timed on the large library against the shipped one.
"""

import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "snippets" / "prosecutor" / "drop-charges.yaml"
CATEGORIES = ["prosecutor", "custody", "housing", "immigration", "protection-orders",
              "safety", "divorce", "firearms", "crimes", "general"]

EXTRA_QUESTIONS = """\
  - id: court
    ask: Which court is the case in?
    type: choice
    choices: [criminal, family, municipal]
    default: criminal
    help: Picks the sentence about the court.
  - id: signature
    ask: Sign with which name?
    type: text
    default: ""
    help: Leave empty for no signature.
"""

EXTRA_BLOCKS = """\
  - text: >-
      {% if court == "family" %}Family courts handle protection orders between relatives.
      {%- elif court == "municipal" %}Municipal courts handle some misdemeanors.
      {%- else %}Criminal courts handle the charges themselves.{% endif %}
  - when: signature
    text: "— {{ signature }}"
"""

STATE_BLOCK = """\
  - text: These are general rules; the law in {{ state }} may differ.
"""


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: gen_library.py N OUT_DIR")
    count, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("links.yaml", "jurisdictions.yaml", "rules.yaml"):
        shutil.copy(ROOT / "snippets" / name, out / name)
    (out / "prosecutor").mkdir()
    shutil.copy(SEED, out / "prosecutor" / "drop-charges.yaml")
    seed = SEED.read_text(encoding="utf-8")
    seed = re.sub(r"(?m)^# yaml-language-server.*\n", "", seed)
    questions_end = seed.index("blocks:\n")
    for i in range(count):
        category = CATEGORIES[i % len(CATEGORIES)]
        text = seed[:questions_end] + EXTRA_QUESTIONS + seed[questions_end:] + EXTRA_BLOCKS
        if i % 10 == 9:
            text += STATE_BLOCK
        text = text.replace(
            "title: V wants to drop criminal RO and/or criminal charges",
            f"title: V wants to drop criminal RO and/or criminal charges (variant {i})",
        )
        folder = out / category
        folder.mkdir(exist_ok=True)
        (folder / f"drop-charges-{i:05}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
