from . import models
from . import report
from .hooks import post_init_hook, pre_init_hook
