from . import crm_stage_duration
