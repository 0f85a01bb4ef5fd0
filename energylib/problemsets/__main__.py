"""Grade one answer in a fresh interpreter: the autograder's hidden tests call this.

    echo '{"set": "thermo", "problem": "thermo-1", "student": "s-1", "answer": 42.0}' \\
        | python -m energylib.problemsets

Reads one JSON object on standard input (the answer is a plain number, a string or
null) and prints ``correct`` or ``wrong``.  The verdict is computed here, from the id
and the answer alone (and the instructor's secret, if any), so nothing a submission
does to the modules of its own Python session changes it.  When the environment
variable ``TEACHING_GRADED_LOG`` names a file, one JSON line (set, problem, student
as graded) is appended to it: the grader
reads the student id from there, the id the hidden tests actually graded against.
"""

from __future__ import annotations

import json
import os
import sys

from energylib.problemsets import grade, normalise_id


def main() -> int:
    request = json.loads(sys.stdin.read())
    student = request.get("student")
    student = normalise_id(student) if isinstance(student, str) else None
    right = bool(student) and grade(str(request["set"]), student, str(request["problem"]),
                                    request.get("answer"), str(request.get("secret") or ""))
    log = os.environ.get("TEACHING_GRADED_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"set": request["set"], "problem": request["problem"],
                                "student": student}) + "\n")
    print("correct" if right else "wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
