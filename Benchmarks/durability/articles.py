#!/usr/bin/env python3
"""Writes COUNT articles of about 3 KB as a `peacetalks import` file (stored form, NDJSON).
Usage: articles.py COUNT FILE"""
import random
import sys

count, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
words = ("talks ceasefire delegation Astana Geneva envoy opposition government guarantor round agenda "
         "humanitarian monitoring statement negotiations agreement mediator observers regional security").split()
arabic = "المحادثات وقف إطلاق النار الوفد أستانا جنيف المبعوث المعارضة الحكومة الضامن الجولة".split()
with open(path, "w", encoding="utf-8") as out:
    for index in range(count):
        language = "ar" if index % 3 == 0 else "en"
        vocabulary = arabic if language == "ar" else words
        body = " ".join(rng.choice(vocabulary) for _ in range(320 if language == "en" else 210))
        day = 1 + index % 28
        out.write('{"kind":"articles","resource":{"id":"a%06d","title":"Round %d of the talks","body":"%s",'
                  '"language":"%s","url":"https://example.org/news/%d","source":"bench","section":null,'
                  '"author":null,"published_at":"2017-01-%02dT09:00:00Z","talks":[],"participants":[],'
                  '"fetched_at":null,"created_at":"2017-01-%02dT10:00:00Z","updated_at":"2017-01-%02dT10:00:00Z"}}\n'
                  % (index, index, body, language, index, day, day, day))
