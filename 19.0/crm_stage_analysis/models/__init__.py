from . import crm_lead_merge
from . import crm_stage_win_rate
from . import res_company
