"""18.0.1.2.0: Stage Durations reads Odoo's stage tracking directly, without the
history stored each night; the days to stale get an upper bound."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("DROP VIEW IF EXISTS crm_stage_duration")
    cr.execute("DROP MATERIALIZED VIEW IF EXISTS crm_stage_duration_visit")
    # the database refuses days to stale beyond ten years from now on
    cr.execute(
        """
        UPDATE crm_stage SET rotting_threshold_days = 3650
         WHERE rotting_threshold_days > 3650
     RETURNING id
        """
    )
    if cr.rowcount:
        _logger.warning(
            "Days to stale beyond 3650 brought back to 3650 on stages %s",
            [stage_id for (stage_id,) in cr.fetchall()],
        )
