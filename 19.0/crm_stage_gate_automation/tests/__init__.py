from . import test_automated_moves
from . import test_translation
