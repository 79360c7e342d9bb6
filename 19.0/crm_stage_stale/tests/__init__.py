from . import test_stale_opportunities
from . import test_stale_pipeline_queries
from . import test_migration_from_18
from . import test_weighted_value
from . import test_pipeline_replica_reads
from . import test_pipeline_stale_tours
from . import test_translation
