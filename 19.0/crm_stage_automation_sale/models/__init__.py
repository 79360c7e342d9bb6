from . import crm_stage_automation_rule
