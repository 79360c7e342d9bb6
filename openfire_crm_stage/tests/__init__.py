from . import test_crm_stage_data
from . import test_crm_stage_probability
from . import test_crm_stage_unlink
from . import test_security
from . import test_performances
from . import test_stage_automation
from . import test_translation
from . import test_pipeline_tours
