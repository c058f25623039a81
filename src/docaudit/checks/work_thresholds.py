"""The thresholds of the work, NOC, CRS, update and consistency rules, read from YAML."""

from docaudit.core.thresholds import raw_thresholds as thresholds

__all__ = ["thresholds"]
