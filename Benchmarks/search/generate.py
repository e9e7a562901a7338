#!/usr/bin/env python3
"""Deterministic synthetic corpus for the search benchmark.

Writes N articles (half Arabic, half English) as NDJSON in the API's article shape, with a Zipfian
(Zipf-Mandelbrot) word-frequency distribution over a vocabulary of real high-frequency words followed by
synthetic ones (Arabic words built from roots and patterns, with the usual prefixes and suffixes; English words
from syllables, with plural and -ing/-ed forms), and entity names in several common spellings (with and without
tashkeel, ى/ي, ة/ه, أ/ا variants, tatweel, Arabic-Indic digits). Also writes the query sets both engines run.

Usage: generate.py --articles 100000 --seed 42 --corpus corpus.ndjson --queries queries.json
"""

import argparse
import bisect
import itertools
import json
import random

ARABIC_TOP = (
    "في من على أن إلى عن التي الذي مع هذا قال المحادثات الحكومة المعارضة السورية وقال كما بين بعد قبل "
    "خلال حول وزير الخارجية الأمم المتحدة سوريا روسيا تركيا الرئيس الوفد المفاوضات السلام الاتفاق اليوم "
    "أمس الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد مؤتمر صحفي الدولي الأزمة الحل السياسي "
    "العسكري المسلحة الجماعات الهدنة الأطراف الدول الضامنة العاصمة جولة جديدة المقبل الماضي الشهر "
    "العام الوطني المبعوث الخاص الأممي بيان مصادر مسؤول كبير أعلن أكد أشار أوضح أضاف دعا طالب رفض "
    "وافق عقد اجتماع لقاء جلسة مباحثات مشاورات ممثلي الجانبين التسوية الانتقال الدستور الانتخابات "
    "اللاجئين المساعدات الإنسانية المدنيين القتال المعارك المناطق الشمال الجنوب الحدود القوات الجيش"
).split()

ENGLISH_TOP = (
    "the of and to in a on for said that with talks by is as from at was peace government it be have "
    "are were has this its an not which will opposition delegation foreign minister said would their "
    "they after before during between about also but been had more who new meeting round agreement "
    "ceasefire envoy special united nations security council syria syrian russia turkey iran official "
    "statement sources political military armed groups conflict crisis solution process negotiations "
    "parties sides capital week monday tuesday wednesday thursday friday saturday sunday month year "
    "president spokesman press conference humanitarian aid refugees civilians fighting forces army "
    "border north south regime rebels transition constitution elections resolution draft proposal"
).split()

ARABIC_CONSONANTS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
ARABIC_PATTERNS = [
    "{0}ا{1}{2}", "م{0}{1}و{2}", "ت{0}{1}ي{2}", "م{0}ا{1}{2}ة", "است{0}{1}ا{2}", "{0}{1}ا{2}", "م{0}{1}{2}",
    "{0}{1}ي{2}", "ا{0}{1}ا{2}", "م{0}ت{1}{2}", "{0}و{1}{2}", "ت{0}ا{1}{2}",
]
ARABIC_PREFIXES = ["", "", "", "ال", "ال", "و", "وال", "بال", "لل"]
ARABIC_SUFFIXES = ["", "", "", "ة", "ات", "ون", "ين", "ها", "ه", "ي"]
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["ch", "sh", "th", "tr", "st", "qu"]
ENGLISH_ENDINGS = ["", "", "", "s", "ing", "ed", "er", "ion", "ity"]

# Entities: (English spellings, Arabic spellings in common variants, the Arabic query, the English query).
ENTITIES = [
    (["Staffan de Mistura", "de Mistura"], ["دي ميستورا", "دى ميستورا", "دِي مِيسْتُورَا", "ستيفان دى ميستورا"],
     "دي ميستورا", "de Mistura"),
    (["Bashar al-Jaafari", "al-Jaafari"], ["الجعفري", "الجعفرى", "الجَعْفَرِيّ", "بشار الجعفرى", "والجعفري"],
     "الجعفري", "Jaafari"),
    (["Astana"], ["أستانة", "استانة", "أستانه", "آستانة", "أَسْتَانَة", "استانه"], "أستانة", "Astana"),
    (["Iran"], ["إيران", "ايران", "إِيرَان", "وإيران"], "إيران", "Iran"),
    (["ceasefire", "cease-fire"], ["وقف إطلاق النار", "وقف اطلاق النار", "وَقْفِ إِطْلَاقِ النَّارِ", "وقف إطلاق النّار"],
     "وقف إطلاق النار", "ceasefire"),
    (["Sergey Lavrov", "Lavrov"], ["لافروف", "لافرُوف", "لافـروف", "سيرجي لافروف"], "لافروف", "Lavrov"),
    (["Security Council"], ["مجلس الأمن", "مجلس الامن", "مَجْلِسُ الأَمْنِ"], "مجلس الأمن", "Security Council"),
    (["Geneva"], ["جنيف", "جِنِيف", "بجنيف"], "جنيف", "Geneva"),
    (["Resolution 2254"], ["القرار 2254", "القرار ٢٢٥٤", "القرار ۲۲۵۴"], "القرار 2254", "Resolution 2254"),
    (["Mustafa"], ["مصطفى", "مصطفي", "مُصْطَفَى"], "مصطفى", "Mustafa"),
    (["opposition delegation"], ["وفد المعارضة", "وَفْدُ المُعَارَضَة", "وفد المعارضه"], "وفد المعارضة",
     "opposition delegation"),
]


def synthetic_arabic(rng, seen):
    while True:
        root = rng.sample(ARABIC_CONSONANTS, 3)
        word = rng.choice(ARABIC_PREFIXES) + rng.choice(ARABIC_PATTERNS).format(*root) + rng.choice(ARABIC_SUFFIXES)
        if word not in seen:
            seen.add(word)
            return word


def synthetic_english(rng, seen):
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3, 3, 4]))) + rng.choice(ENGLISH_ENDINGS)
        if word not in seen:
            seen.add(word)
            return word


def vocabulary(rng, top, make, size):
    seen = set(top)
    return list(top) + [make(rng, seen) for _ in range(size - len(top))]


class Zipf:
    """Zipf-Mandelbrot sampler: P(rank r) ∝ 1 / (r + 2.7)^1.0."""

    def __init__(self, words):
        self.words = words
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 2.7) for rank in range(1, len(words) + 1)))

    def sample(self, rng, count):
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--vocabulary", type=int, default=40_000, help="words per language")
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    arabic = vocabulary(rng, ARABIC_TOP, synthetic_arabic, args.vocabulary)
    english = vocabulary(rng, ENGLISH_TOP, synthetic_english, args.vocabulary)
    samplers = {"ar": Zipf(arabic), "en": Zipf(english)}
    document_frequency = {"ar": {}, "en": {}}
    bigrams = {"ar": [], "en": []}

    with open(args.corpus, "w", encoding="utf-8") as out:
        for number in range(args.articles):
            language = "ar" if number % 2 == 0 else "en"
            title_words = samplers[language].sample(rng, rng.randint(6, 12))
            body_words = samplers[language].sample(rng, int(rng.lognormvariate(5.0, 0.45)) + 20)
            for word in set(title_words) | set(body_words):
                document_frequency[language][word] = document_frequency[language].get(word, 0) + 1
            if number % max(2, args.articles // 1000) < 2:
                start = rng.randrange(len(body_words) - 1)
                bigrams[language].append(body_words[start:start + 2])
            if rng.random() < 0.25:
                for _ in range(rng.randint(1, 3)):
                    english_names, arabic_names, _, _ = rng.choice(ENTITIES)
                    name = rng.choice(arabic_names if language == "ar" else english_names)
                    body_words.insert(rng.randrange(len(body_words) + 1), name)
            if rng.random() < 0.05:
                english_names, arabic_names, _, _ = rng.choice(ENTITIES)
                title_words.insert(0, rng.choice(arabic_names if language == "ar" else english_names))
            body = " ".join(body_words)
            if language == "ar":
                body = body.replace(" ", "، ", 1)
            day = 1 + number % 28
            article = {
                "id": f"a{number:07d}",
                "title": " ".join(title_words),
                "body": body,
                "language": language,
                "source": "synthetic",
                "published_at": f"2017-{1 + number % 12:02d}-{day:02d}T{number % 24:02d}:00:00Z",
            }
            out.write(json.dumps(article, ensure_ascii=False) + "\n")

    def ranked(language, low, high):
        return [word for word in (arabic if language == "ar" else english)[low:high]
                if document_frequency[language].get(word, 0) > 0]

    def pick(language, low, high, count):
        return rng.sample(ranked(language, low, high), count)

    def plain(terms):
        return {"terms": terms, "phrase": False}

    classes = {"one-term": [], "two-term": [], "rare-term": [], "common-term": [], "phrase": []}
    for language in ("ar", "en"):
        classes["one-term"] += [plain([word]) for word in pick(language, 200, 5000, 20)]
        classes["two-term"] += [plain(pick(language, 20, 2000, 2)) for _ in range(20)]
        rare = [word for word in ranked(language, 10_000, args.vocabulary)
                if document_frequency[language][word] <= 20]
        classes["rare-term"] += [plain([word]) for word in rng.sample(rare, min(20, len(rare)))]
        classes["common-term"] += [plain([word]) for word in pick(language, 0, 25, 10)]
        classes["phrase"] += [{"terms": pair, "phrase": True} for pair in rng.sample(bigrams[language], min(20, len(bigrams[language])))]
    queries = {
        "classes": classes,
        "entities": [{"query": arabic_query, "terms": arabic_query.split()} for _, _, arabic_query, _ in ENTITIES],
    }
    with open(args.queries, "w", encoding="utf-8") as out:
        json.dump(queries, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
