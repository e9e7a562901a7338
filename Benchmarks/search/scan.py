#!/usr/bin/env python3
"""A straightforward normalising scan, the recall reference of run.sh: folds every article the way the contract
says (NFKC, case folding, diacritics and tashkeel and tatweel removed, أ إ آ ٱ → ا, ى → ي, ة → ه, Arabic-Indic
digits → ASCII), splits it into words, and counts, per entity query, the articles containing every query word.
No stemming: PeaceTalks, which also stems, must find at least these. Usage: scan.py CORPUS.ndjson QUERIES.json"""

import json
import re
import sys
import unicodedata

FOLD = str.maketrans({"ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ـ": None,
                      **{chr(0x0660 + digit): str(digit) for digit in range(10)},
                      **{chr(0x06F0 + digit): str(digit) for digit in range(10)}})
WORD = re.compile(r"\w+")


def normalise(text):
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").translate(FOLD)


def main():
    with open(sys.argv[2], encoding="utf-8") as file:
        entities = [[normalise(term) for term in entity["terms"]] for entity in json.load(file)["entities"]]
    counts = [0] * len(entities)
    with open(sys.argv[1], encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            words = set(WORD.findall(normalise(article["title"] + " " + article["body"])))
            for number, terms in enumerate(entities):
                if all(term in words for term in terms):
                    counts[number] += 1
    json.dump({"entity_totals": counts}, sys.stdout)


if __name__ == "__main__":
    main()
