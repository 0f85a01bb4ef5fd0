"""The teacher's tools: answer cards, autograded notebooks, variants, grading, slides.

    python -m teaching cards                         # the student edition's answer cards
    python -m teaching assign OUT_DIR                # student notebooks + autograder zips
    python -m teaching variants IDS.txt KEY.csv      # the instructor's key of the variants
    python -m teaching grade SUBMISSIONS/ OUT_DIR    # grade a folder: OUT_DIR/scores.csv

The autograder is otter-grader (see ``teaching/autograder.py`` for why).  Nothing
here ships with the student edition.
"""
