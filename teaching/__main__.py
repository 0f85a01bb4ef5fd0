"""Command line of the teacher's tools (see ``teaching/__init__.py``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m teaching", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("cards", help="write the answer cards (energylib/data/cards/)")
    p = sub.add_parser("assign", help="student notebooks and autograder zips (otter assign)")
    p.add_argument("out", type=Path)
    p.add_argument("--sets", nargs="*", help="set keys (default: all nine)")
    p.add_argument("--secret", default=os.environ.get("TEACHING_SECRET", ""),
                   help="the instructor's secret, joined to each student's seed "
                        "(default: $TEACHING_SECRET; none)")
    p = sub.add_parser("variants", help="the instructor's key CSV of the students' variants")
    p.add_argument("students", type=Path, help="a text file, one student id a line")
    p.add_argument("key", type=Path, help="the CSV to write")
    p.add_argument("--sets", nargs="*", help="set keys (default: all nine)")
    p.add_argument("--secret", default=os.environ.get("TEACHING_SECRET", ""),
                   help="the secret the notebooks were assigned with (default: "
                        "$TEACHING_SECRET)")
    p = sub.add_parser("grade", help="grade a folder of submissions: OUT/scores.csv")
    p.add_argument("submissions", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--autograder", type=Path, required=True, help="the set's autograder zip")
    p.add_argument("--roster", type=Path, help="the class's ids, one a line: others are noted")
    p = sub.add_parser("slides", help="reveal.js slides per session, from the guide")
    p.add_argument("out", type=Path)
    sub.add_parser("reference", help="the energylib calls each problem-set page lists")
    args = parser.parse_args(argv)

    if args.command == "cards":
        from teaching.cards import write_cards
        for path in write_cards():
            print(f"teaching: wrote {path}")
    elif args.command == "assign":
        from teaching.autograder import assign
        for key, paths in assign(args.out, args.sets, args.secret).items():
            print(f"teaching: {key}: {paths['student']} and {paths['autograder']}")
    elif args.command == "variants":
        from teaching.autograder import write_key
        students = [line.strip() for line in args.students.read_text().splitlines()
                    if line.strip() and not line.startswith("#")]
        print(f"teaching: wrote {write_key(students, args.key, args.sets, args.secret)}")
    elif args.command == "grade":
        from teaching.autograder import grade_folder
        path = grade_folder(args.submissions, args.autograder, args.out, args.roster)
        print(f"teaching: wrote {path}")
    elif args.command == "slides":
        from teaching.slides import build
        for path in build(args.out):
            print(f"teaching: wrote {path}")
    elif args.command == "reference":
        from teaching.reference import write_reference
        for path in write_reference():
            print(f"teaching: wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
