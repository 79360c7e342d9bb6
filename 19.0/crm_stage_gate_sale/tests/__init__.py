from . import test_stage_gate_quote
from . import test_performances
from . import test_translation
