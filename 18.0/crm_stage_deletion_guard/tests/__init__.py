from . import test_crm_stage_unlink
from . import test_pipeline_delete_tours
from . import test_performances
from . import test_translation
