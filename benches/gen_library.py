#!/usr/bin/env python3
"""Writes a library of N snippets for benchmarks: the shipped registries and drop-charges
snippet, plus N-1 generated snippets of the same shape (yes-no and choice questions, `when`
blocks, state-dependent links) spread over 20 categories. Fictional text only."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def snippet(i: int) -> str:
    return f"""title: Generated response {i}
category: Category {i % 20}
tags: [generated, topic {i % 7}]
reviewed: 2026-11-01
questions:
  - id: asks_about_custody
    ask: Does the writer also ask about custody?
    type: yes-no
    default: no
  - id: contact
    ask: How did the writer reach out?
    type: choice
    choices: [email, phone, chat]
blocks:
  - text: >-
      Thank you for writing to us about question {i}. Although I cannot speak to your
      situation specifically, here is some general information that may help.
  - when: asks_about_custody
    text: >-
      You also asked about custody. Our page on custody in your state is here:
      {{{{ link("crimes") }}}}
  - when: contact == "phone"
    text: If you would rather talk to someone, you can reach a local advocate by phone.
  - text: >-
      We have information on state and local domestic violence programs here:
      {{{{ link("advocates-and-shelters") }}}} You may also want to look at our Safety
      Planning page: {{{{ link("safety-tips") }}}}
"""


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: gen_library.py N OUT_DIR")
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("links.yaml", "jurisdictions.yaml"):
        shutil.copy(ROOT / "snippets" / name, out / name)
    (out / "prosecutor").mkdir()
    shutil.copy(ROOT / "snippets/prosecutor/drop-charges.yaml", out / "prosecutor/drop-charges.yaml")
    for i in range(1, n):
        category = out / f"category-{i % 20:02}"
        category.mkdir(exist_ok=True)
        (category / f"generated-{i:05}.yaml").write_text(snippet(i))


if __name__ == "__main__":
    main()
