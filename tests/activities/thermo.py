"""Things to try with the thermo explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

from energylib.dataset import by_id
from energylib.thermo import KOOMEY_T2_POST2000

from . import GUIDE_WHERE as _G
from . import Activity, Step

_KOOMEY_T2 = by_id("koomey-doubling").value  # 1946-2009 [yr] (koomey2011implications)

CHAPTER = (
    Activity(
        question=("A measured decode token costs about ten times more per FLOP than an "
                  "H100 at its datasheet peak. If today's chips were ten "
                  "times less efficient, would the trend meet the Landauer floor ten "
                  "times later, twice as late, or only a few years later?"),
        steps=(
            Step("Read the headline as the page opens (an H100 at peak, 16 bits erased per "
                 f"FLOP, 300 K, efficiency doubling every {KOOMEY_T2_POST2000:g} years): the "
                 "trend meets the floor in about 62 years, around 2085.",
                 {}, {"crossing_time": (61.0, 63.0), "crossing_year": (2084.0, 2086.0)}),
            Step("Set today's efficiency to 1.33e11 FLOP/J, the energy per FLOP measured in "
                 "decode: the date moves only about 9 years later.",
                 {"flop_per_joule": 1.33e11}, {"crossing_time": (70.0, 72.0)}),
        ),
        answer=("Only a few years later: the crossing time is T2 log2 of the headroom, so a "
                "factor of ten adds log2 10 ≈ 3.3 doublings, about 9 years at "
                f"{KOOMEY_T2_POST2000:g} years per doubling."),
    ),
    Activity(
        question=(f"Koomey measured a doubling every {_KOOMEY_T2:g} years for 1946-2009 and "
                  f"about {KOOMEY_T2_POST2000:g} years after 2000. Which matters more for the "
                  "date: the pace, or a factor of sixty in how many bits a FLOP erases?"),
        steps=(
            Step("Set the doubling time to 1.6 years, about Koomey's 1946-2009 pace: the "
                 "trend meets the 16-bit floor in about 38 years.",
                 {"doubling_time": 1.6}, {"crossing_time": (37.0, 39.5)}),
            Step("Now set the bits erased per FLOP to 1000: the date comes only about 10 "
                 "years sooner.",
                 {"bits_per_flop": 1000.0}, {"crossing_time": (27.5, 29.5)}),
        ),
        answer=("The pace: it multiplies the whole crossing time, while the bits per FLOP "
                "enter through a logarithm (log2 62.5 ≈ 6 doublings, 10 years at 1.6 years "
                "each)."),
    ),
    Activity(
        question=("Does cooling a computer to 4 K (liquid helium) let it beat the "
                  "room-temperature floor?"),
        steps=(
            Step("Set the temperature to 4 K: the floor drops 75 times and the headroom "
                 "grows to about 1.2 × 10⁹ times the floor.",
                 {"temperature": 4.0}, {"headroom": (1.0e9, 1.3e9)}),
        ),
        answer=("Only on the chart: the heat must still be pumped out to a room at about "
                "300 K, and with the refrigerator's Carnot work counted the floor per bit, "
                "drawn from the wall, is k_B T_room ln 2 again (first exercise)."),
    ),
)
"""The chapter's "things to try", as it prints them."""


GUIDE = (
    Activity(
        question=(
            f"Energy per FLOP halves every {KOOMEY_T2_POST2000:g} years. Before moving "
            "anything, predict: in how many years would that trend meet the Landauer floor, "
            "and how much would a thousandfold change in the bits erased per FLOP move that "
            "date?"
        ),
        steps=(
            Step(f"Set a doubling time of {KOOMEY_T2_POST2000:g} years, 16 bits erased per "
                 "FLOP, 300 K and today's efficiency at the H100's datasheet peak, about "
                 "$1.4\\times10^{12}$ FLOP/J ($10^{12.149}$).",
                 {"doubling_time": KOOMEY_T2_POST2000, "bits_per_flop": 10**1.204,
                  "temperature": 300.0, "flop_per_joule": 10**12.149},
                 {"crossing_time": (59.0, 65.0)}),
            Step("Set the doubling time to 1.6 years (Koomey's 1946–2009 pace).",
                 {"doubling_time": 1.6}, {"crossing_time": (35.0, 41.0)}),
            Step(f"Back to {KOOMEY_T2_POST2000:g} years; set the bits per FLOP to 1.",
                 {"doubling_time": KOOMEY_T2_POST2000, "bits_per_flop": 1.0},
                 {"crossing_time": (69.0, 75.0)}),
            Step("Set the bits per FLOP to 1,000.", {"bits_per_flop": 1000.0},
                 {"crossing_time": (44.0, 50.0)}),
            Step("Back to 16 bits; set today's efficiency to $10^{11}$ FLOP/J, about the "
                 "energy per FLOP measured in decode.",
                 {"bits_per_flop": 10**1.204, "flop_per_joule": 1e11},
                 {"crossing_time": (69.0, 75.0)}),
            Step("Back to $10^{12.149}$ FLOP/J; set the temperature to 4 K.",
                 {"flop_per_joule": 10**12.149, "temperature": 4.0},
                 {"crossing_time": (75.0, 81.0)}),
        ),
        answer=(
            "At today's pace the floor is about sixty years away, and the headroom enters "
            "through a logarithm: a factor of 1,000 in the assumption is only ten doublings, "
            "about 26 years. A 4 K computer has a lower floor, but the refrigerator that "
            "removes its heat brings the floor drawn from the wall back to "
            "$k_BT_\\mathrm{room}\\ln 2$."
        ),
        where=_G,
    ),
)
