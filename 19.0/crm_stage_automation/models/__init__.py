from . import crm_stage_automation
from . import crm_stage_automation_checks
from . import crm_stage_automation_rule
from . import crm_stage_automation_reinstallation
from . import crm_stage_rules
from . import crm_lead_automated_move
from . import ir_actions_server
