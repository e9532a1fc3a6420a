import sys
from pathlib import Path

# Tests import their helpers as `tests.helpers`.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
