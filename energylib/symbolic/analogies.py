"""SymPy derivations for the analogies chapter: the self-gravity of a sphere.

The Kelvin-Helmholtz (gravitational) energy of a star is the work gravity
does as the star is assembled shell by shell: a shell of mass ``dm`` brought
from infinity onto a sphere of mass ``m(r)`` releases ``G m(r) dm / r``.
For a density ``rho(r) = rho_c (r / R)**(-a)`` the integral is done here in
closed form, giving ``U = -(3 - a) / (5 - 2a) G M**2 / R``; the uniform
sphere (``a = 0``) gives the textbook ``-3 G M**2 / (5 R)``.

Examples
--------
>>> import sympy as sp
>>> from energylib.symbolic.analogies import SYMBOLS, uniform_sphere_energy
>>> G, M, R = (SYMBOLS[k] for k in ("G", "M", "R"))
>>> sp.simplify(uniform_sphere_energy() + sp.Rational(3, 5) * G * M**2 / R)
0
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

__all__ = [
    "SYMBOLS",
    "enclosed_mass_expr",
    "self_gravity_energy_expr",
    "uniform_sphere_energy",
    "binding_coefficient_expr",
    "lambdified_binding_coefficient",
]

SYMBOLS: dict[str, sp.Symbol] = {
    "G": sp.Symbol("G", positive=True),
    "M": sp.Symbol("M", positive=True),
    "R": sp.Symbol("R", positive=True),
    "r": sp.Symbol("r", positive=True),
    "a": sp.Symbol("a", nonnegative=True),
}
"""Symbols: gravitational constant, mass, radius, running radius, density exponent."""


def enclosed_mass_expr(density_exponent: sp.Expr | float | None = None) -> sp.Expr:
    """Mass inside radius ``r`` for ``rho proportional to r**(-a)``, normalized to ``M`` at ``R``.

    Integrates ``4 pi r**2 rho(r)`` from 0 to ``r`` (finite for ``a < 3``)
    and fixes the central constant by ``m(R) = M``.

    Parameters
    ----------
    density_exponent : sympy expression or number, optional
        The exponent ``a``; the symbol ``a`` (assumed ``a < 3``) if omitted.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> enclosed_mass_expr(0)
    M*r**3/R**3
    """
    M, R, r, a = (SYMBOLS[k] for k in ("M", "R", "r", "a"))
    a_val = a if density_exponent is None else sp.sympify(density_exponent)
    s = sp.Symbol("s", positive=True)
    rho_c = sp.Symbol("rho_c", positive=True)
    # a < 3 keeps the mass finite at the centre: integrate s**(2 - a) with 2 - a > -1
    inner = sp.integrate(4 * sp.pi * s**2 * rho_c * (s / R) ** (-a_val), (s, 0, r),
                         conds="none")
    rho_c_value = sp.solve(sp.Eq(inner.subs(r, R), M), rho_c)[0]
    return sp.simplify(inner.subs(rho_c, rho_c_value))


def self_gravity_energy_expr(density_exponent: sp.Expr | float | None = None) -> sp.Expr:
    """Gravitational potential energy ``U = -integral_0^R G m(r) (dm/dr) / r dr``.

    Parameters
    ----------
    density_exponent : sympy expression or number, optional
        The exponent ``a`` of ``rho proportional to r**(-a)``; the symbol
        ``a`` (with ``a < 5/2`` for a finite result) if omitted.

    Returns
    -------
    sympy.Expr
        ``U`` (negative) in terms of ``G``, ``M``, ``R`` (and ``a``).

    Examples
    --------
    >>> self_gravity_energy_expr(0)
    -3*G*M**2/(5*R)
    >>> self_gravity_energy_expr(2)
    -G*M**2/R
    """
    G, M, R, r = (SYMBOLS[k] for k in ("G", "M", "R", "r"))
    m = enclosed_mass_expr(density_exponent)
    integrand = sp.simplify(G * m * sp.diff(m, r) / r)
    return sp.simplify(-sp.integrate(integrand, (r, 0, R), conds="none"))


def uniform_sphere_energy() -> sp.Expr:
    """``U`` of a uniform sphere, ``-3 G M**2 / (5 R)``.

    Examples
    --------
    >>> uniform_sphere_energy()
    -3*G*M**2/(5*R)
    """
    return self_gravity_energy_expr(0)


def binding_coefficient_expr() -> sp.Expr:
    """The coefficient ``k(a)`` in ``|U| = k G M**2 / R`` for a power-law sphere.

    Returns
    -------
    sympy.Expr
        ``(3 - a) / (5 - 2 a)``, valid for ``0 <= a < 5/2``.

    Examples
    --------
    >>> binding_coefficient_expr()
    (a - 3)/(2*a - 5)
    """
    G, M, R = (SYMBOLS[k] for k in ("G", "M", "R"))
    return sp.factor(sp.simplify(-self_gravity_energy_expr() / (G * M**2 / R)))


def lambdified_binding_coefficient() -> Callable:
    """``k(a)`` as a NumPy function of the density exponent ``a``.

    Examples
    --------
    >>> round(float(lambdified_binding_coefficient()(1.0)), 6)
    0.666667
    """
    return sp.lambdify(SYMBOLS["a"], binding_coefficient_expr(), "numpy")
