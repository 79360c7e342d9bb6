from . import test_stage_automation
from . import test_stage_automation_custom
from . import test_stage_automation_email
from . import test_stage_automation_guards
from . import test_stage_automation_input
from . import test_stage_automation_lines
from . import test_stage_automation_tours
from . import test_stage_lines_reinstallation
