from . import test_stage_duration
from . import test_stage_duration_tours
from . import test_stage_conversion
from . import test_stage_conversion_tours
from . import test_stage_win_rate
from . import test_stage_history_bounds
from . import test_stage_history_merge
from . import test_report_replica_reads
