#!/usr/bin/env python3
"""Writes a synthetic briefing site for benchmarks: deterministic, standard library only.

usage: gen_corpus.py RECOMMENDATIONS QUESTIONS_PER_RECOMMENDATION OUT_DIR [--seed N]
                     [--typography] [--crlf]

The site has the shape of a real review's materials: seven teams, a meeting for
every ten recommendations, each recommendation with a body of a few hundred words
and its questions, about half of them answered (many answers run to several
paragraphs), cross-references of every kind ([[n]], [[n.k]], "Rec n", meeting and
team slugs), emphasis, code spans, lists and external links. The same arguments
always give the same bytes, so runs and machines can be compared.

The default text is ASCII with Unix line breaks, as the shared yardstick's. Real
materials are not: --typography adds curly quotes and apostrophes, dashes, accented
names and the odd "!" to a fifth of the sentences, and --crlf writes Windows line
breaks. Each is a path through the build that ASCII text never takes.
"""
import argparse
import os
import random
import shutil

VOCABULARY = (
    "registry registrar resolver root zone key rollover signing DNSSEC abuse report "
    "contract compliance audit budget plan metric target baseline review risk threat "
    "incident response outage recovery continuity exercise vendor staff board community "
    "policy process procedure framework guidance standard protocol RDAP WHOIS data "
    "privacy access accuracy measurement monitoring dashboard evidence milestone "
    "timeline progress transparency accountability security stability resiliency "
    "operations finance engineering outreach training survey publication update "
    "the of and to a in for on with by is are should will has its their from as at "
    "the of and to a in for on that this be"
).split()
TEAMS = [
    ("cto", "CTO", "Office of the CTO Briefing"),
    ("operations", "Operations", "Operations and Finance Briefing"),
    ("compliance", "Compliance", "Contractual Compliance Briefing"),
    ("risk", "Risk", "Risk Management Briefing"),
    ("gdd", "GDD", "Global Domains Division Briefing"),
    ("policy", "Policy", "Policy Development Briefing"),
    ("communications", "Comms", "Communications Briefing"),
]
SNIPPETS = ["dig +dnssec", "rdap.example", "zonemd", "KSK-2017", "named.conf", "ds-digest", "SLA 99.9"]


class Writer:
    def __init__(self, seed, recs, questions, meetings, typography=False):
        self.rng = random.Random(seed)
        self.recs, self.questions, self.meetings = recs, questions, meetings
        # Its own generator, so that the ASCII corpus stays the same bytes.
        self.typography = random.Random(seed + 1) if typography else None

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def reference(self):
        n = self.rng.randint(1, self.recs)
        kind = self.rng.randrange(6)
        if kind == 0 and self.questions:
            return "[[%d.%d]]" % (n, self.rng.randint(1, self.questions))
        if kind == 1:
            return "Rec %d" % n
        if kind == 2:
            return "Recommendation %d" % n
        if kind == 3:
            return "[[meeting-%d]]" % self.rng.randint(1, self.meetings)
        if kind == 4:
            return "[[%s]]" % self.pick(TEAMS)[0]
        return "[[%d]]" % n

    def sentence(self, stop="."):
        words = [self.pick(VOCABULARY) for _ in range(self.rng.randint(7, 18))]
        spot = self.rng.randrange(len(words))
        decoration = self.rng.randrange(10)
        if decoration == 0:
            words[spot] = "*%s*" % words[spot]
        elif decoration == 1:
            words[spot] = "**%s**" % words[spot]
        elif decoration == 2:
            words[spot] = "`%s`" % self.pick(SNIPPETS)
        elif decoration == 3:
            words[spot] = "[%s](https://example.org/docs/%s-%d)" % (words[spot], self.pick(VOCABULARY), self.rng.randint(2015, 2020))
        elif decoration == 4:
            words.insert(spot, "(see %s)" % self.reference())
        text = " ".join(words)
        text = text[:1].upper() + text[1:] + stop
        return self.typeset(text) if self.typography else text

    def typeset(self, text):
        t = self.typography
        if t.random() >= 0.2:
            return text
        words = text.split(" ")
        spot = t.randrange(len(words))
        kind = t.randrange(5)
        if kind == 0 and "[" not in words[spot] and "`" not in words[spot]:
            words[spot] = "\u201c%s\u201d" % words[spot]
        elif kind == 1:
            words.insert(spot, "\u2013")
        elif kind == 2:
            words.insert(spot, t.choice(["Zo\u00eb\u2019s", "the team\u2019s", "Ren\u00e9e\u2019s", "S\u00e3o Paulo"]))
        elif kind == 3:
            words[-1] = words[-1][:-1] + "!"
        else:
            words.insert(spot, t.choice(["caf\u00e9", "na\u00efve", "r\u00e9sum\u00e9", "\u00fcber"]))
        return " ".join(words)

    def paragraph(self, low=2, high=4):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def bullet_list(self, numbered=False):
        items = [self.sentence() for _ in range(self.rng.randint(3, 5))]
        return "\n".join(("%d. " % (i + 1) if numbered else "- ") + item for i, item in enumerate(items))

    def body(self, words):
        blocks = [self.paragraph(), self.bullet_list(), "%s It follows from %s." % (self.paragraph(1, 2), self.reference())]
        while sum(len(b.split()) for b in blocks) < words:
            blocks.append(self.paragraph() if self.rng.random() < 0.75 else self.bullet_list())
        return "\n\n".join(blocks)


def literal(text, indent):
    """A YAML literal block scalar of `text`, indented under its key."""
    pad = " " * indent
    return "|\n" + "\n".join((pad + line) if line else "" for line in text.split("\n"))


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site(recs, questions, seed, typography=False):
    meetings = max(1, (recs + 9) // 10)
    w = Writer(seed, recs, questions, meetings, typography)
    files = {"briefing.yml": "title: Benchmark Review Briefing Materials\nreview: BENCH\nbase_url: https://bench.example.org/\nlanguage: en\n"}
    for order, (slug, team, title) in enumerate(TEAMS, 1):
        files["content/briefings/%s.md" % slug] = "---\ntitle: %s\nteam: %s\ndate: 2018-03-%02d\nmeeting: meeting-1\norder: %d\n---\n%s\n" % (
            quoted(title), quoted(team), order, order, w.body(100))
    for m in range(1, meetings + 1):
        date = "%d-%02d-%02d" % (2018 + (m - 1) // 48, (m - 1) // 4 % 12 + 1, (m - 1) % 4 * 7 + 1)
        lines = ["---", "title: %s" % quoted("Plenary call #%d" % m), "number: %d" % m, "date: %s" % date,
                 "attendees: [Alice, Bob, Chen, Dara]", "decisions:"]
        lines += ["  - %s" % quoted(w.sentence()) for _ in range(w.rng.randint(1, 3))]
        lines.append("action_items:")
        for k in range(1, w.rng.randint(2, 4) + 1):
            lines += ['  - id: "m%d-%d"' % (m, k), "    text: %s" % quoted(w.sentence()),
                      "    owner: %s" % w.pick(["Staff", "Review team", "Board"]), "    due: %s" % date,
                      "    status: %s" % w.pick(["open", "done"])]
        lines += ["---", "## Agenda", "", w.bullet_list(numbered=True), "", "## Notes", "", w.paragraph(2, 5)]
        files["content/meetings/meeting-%d.md" % m] = "\n".join(lines) + "\n"
    for n in range(1, recs + 1):
        title = " ".join(w.pick(VOCABULARY) for _ in range(w.rng.randint(4, 8)))
        lines = ["---", "number: %d" % n, "title: %s" % quoted(title[:1].upper() + title[1:]),
                 "briefing: %s" % w.pick(TEAMS)[0], "focus_area: %s" % quoted(" ".join(w.pick(VOCABULARY) for _ in range(3))),
                 "implementation: %s" % w.pick(["complete", "partial", "not-started", "unknown"])]
        if questions:
            lines.append("questions:")
        for k in range(1, questions + 1):
            status = w.pick(["answered"] * 5 + ["open"] * 4 + ["withdrawn"])
            text = (w.sentence() + " " if w.rng.random() < 0.5 else "") + w.sentence("?")
            lines += ['  - id: "%d.%d"' % (n, k), "    text: %s" % literal(text, 6), "    status: %s" % status,
                      "    asked: meeting-%d" % w.rng.randint(1, meetings)]
            if status == "answered":
                parts = [w.paragraph(1, 3) for _ in range(w.pick([1, 1, 2, 3]))]
                if len(parts) > 1 and w.rng.random() < 0.4:
                    parts.insert(1, w.bullet_list())
                lines += ["    answer: %s" % literal("\n\n".join(parts), 6),
                          "    answered: 2019-%02d-%02d" % (w.rng.randint(1, 12), w.rng.randint(1, 28))]
        lines += ["---", w.body(w.rng.randint(150, 400))]
        files["content/recommendations/%d.md" % n] = "\n".join(lines) + "\n"
    files["content/pages/index.md"] = "---\ntitle: Briefing Materials\n---\nMaterials for the review team. %s\n" % w.paragraph()
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("recommendations", type=int)
    ap.add_argument("questions", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--typography", action="store_true", help="curly quotes, dashes, accents, the odd '!'")
    ap.add_argument("--crlf", action="store_true", help="Windows line breaks")
    a = ap.parse_args()
    files = site(a.recommendations, a.questions, a.seed, a.typography)
    shutil.rmtree(a.out, ignore_errors=True)
    for path, text in files.items():
        target = os.path.join(a.out, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\r\n" if a.crlf else "\n") as f:
            f.write(text)
    print("%s: %d recommendations x %d questions, %d files" % (a.out, a.recommendations, a.questions, len(files)))


if __name__ == "__main__":
    main()
