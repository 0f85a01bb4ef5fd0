"""SymPy derivations for the thermodynamics chapter.

* The time at which an efficiency trend that doubles every ``T2`` meets a
  physical floor: solve ``E_now 2^(-t/T2) = E_floor`` for ``t``.
* The same time written with a continuous rate ``r = ln 2 / T2``, which is
  the ``t* = ln(e0 / e_min) / r`` of the argument chapter.
* The ratio of the Landauer cost of a training run's computation to that of
  the weights it leaves, ``6 N D beta / (N b) = 6 D beta / b``.

The numeric functions of :mod:`energylib.thermo` are tested against these
expressions (``tests/test_thermo.py``).

Examples
--------
>>> crossing_time_expr()
T_2*log(E_now/E_floor)/log(2)
"""

from __future__ import annotations

import sympy as sp

__all__ = [
    "THERMO_SYMBOLS",
    "trend_expr",
    "crossing_time_expr",
    "crossing_time_rate_expr",
    "computation_to_record_ratio_expr",
]

t = sp.Symbol("t", real=True)
T2, E_now, E_floor, r = sp.symbols("T_2 E_now E_floor r", positive=True)
N, D, b, beta, k_B, T = sp.symbols("N D b beta k_B T", positive=True)

THERMO_SYMBOLS: dict[str, sp.Symbol] = {
    "t": t,
    "T2": T2,
    "E_now": E_now,
    "E_floor": E_floor,
    "r": r,
    "N": N,
    "D": D,
    "b": b,
    "beta": beta,
    "k_B": k_B,
    "T": T,
}
"""The symbols used in every expression, by name."""


def trend_expr() -> sp.Expr:
    """Energy per operation on a doubling trend, ``E_now 2^(-t/T2)`` [J].

    Examples
    --------
    >>> trend_expr()
    E_now/2**(t/T_2)
    """
    return E_now * 2 ** (-t / T2)


def crossing_time_expr() -> sp.Expr:
    """Solve ``E_now 2^(-t/T2) = E_floor`` for ``t`` [s].

    Returns
    -------
    sympy.Expr
        ``T2 log(E_now / E_floor) / log 2``, that is ``T2 log2(E_now/E_floor)``.

    Examples
    --------
    >>> sp.simplify(crossing_time_expr().subs({T2: 2, E_now: 8, E_floor: 1}))
    6
    """
    # Solve for the ratio rho = E_now / E_floor, then put the ratio back, so
    # that SymPy keeps log(E_now/E_floor) in one piece.
    rho = sp.Symbol("rho", positive=True)
    equation = sp.Eq(trend_expr().subs(E_now, rho * E_floor), E_floor)
    (solution,) = sp.solve(equation, t)
    return sp.expand_log(solution, force=True).subs(rho, E_now / E_floor)


def crossing_time_rate_expr() -> sp.Expr:
    """The crossing time with a continuous rate: substitute ``T2 = ln 2 / r`` [s].

    Examples
    --------
    >>> crossing_time_rate_expr()
    log(E_now/E_floor)/r
    """
    return crossing_time_expr().subs(T2, sp.log(2) / r)


def computation_to_record_ratio_expr() -> sp.Expr:
    """Landauer cost of ``6 N D`` training FLOP over that of the ``N b``-bit weights [-].

    Each FLOP erases ``beta`` bits; the weights are ``N`` numbers of ``b``
    bits.  At fixed ``D`` the model size cancels (with ``D = 20 N`` it does not).

    Examples
    --------
    >>> computation_to_record_ratio_expr()
    6*D*beta/b
    """
    landauer = k_B * T * sp.log(2)
    computation = 6 * N * D * beta * landauer
    record = N * b * landauer
    return sp.simplify(computation / record)
