from . import test_quote_events
