"""eventwire: political event data from English news, coded in PLOVER v2 with evidence."""

__version__ = "0.1.0"
