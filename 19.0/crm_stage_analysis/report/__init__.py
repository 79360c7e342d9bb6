from . import crm_stage_tracked
from . import crm_stage_history
from . import crm_stage_duration
from . import crm_stage_conversion
