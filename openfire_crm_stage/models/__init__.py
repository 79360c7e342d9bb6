from . import base_automation
from . import crm_lead
from . import crm_stage
from . import ir_actions_server
from . import mail_activity
from . import sale_order
