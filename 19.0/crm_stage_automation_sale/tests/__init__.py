from . import test_quote_events
from . import test_performances
from . import test_translation
