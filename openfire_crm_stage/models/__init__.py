from . import crm_lead
from . import crm_stage
from . import ir_actions_server
from . import sale_order
