"""The sub-commands of `python -m stretchsite` (see cli.py)."""
