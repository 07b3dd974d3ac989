"""``python -m prep.cli``: the ``prep`` command."""
from . import run

run()
