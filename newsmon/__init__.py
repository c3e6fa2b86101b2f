"""newsmon: monitor Vietnamese press coverage of units and campaigns."""

__version__ = "0.1.0"
