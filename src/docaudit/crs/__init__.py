"""The CRS calculator and program eligibility: pure functions over a declared or documented profile.

Kept free of document parsing so the same scoring serves the declared and the documented score.
"""

from docaudit.crs.calculator import CrsResult, compute_crs
from docaudit.crs.eligibility import EligibilityResult, eligibility

__all__ = ["CrsResult", "EligibilityResult", "compute_crs", "eligibility"]
