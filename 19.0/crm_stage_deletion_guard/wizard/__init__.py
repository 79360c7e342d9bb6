from . import crm_stage_delete
