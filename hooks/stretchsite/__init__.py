"""Pure core of the back pain stretches site: model, loader, checks and Markdown rendering.

Nothing in this package imports MkDocs; `hooks/stretch_hooks.py` is the only adapter.
"""
