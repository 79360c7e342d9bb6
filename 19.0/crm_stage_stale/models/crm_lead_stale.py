from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain


class CrmLead(models.Model):
    """Odoo's rotting (``mail.tracking.duration.mixin``, refined by ``crm``),
    refined again through its documented hooks: an opportunity with an activity
    planned today or later is not rotting, nor one without a last stage change
    (nobody can tell since when it sits there). The cards, Odoo's filter and the
    columns' counts all follow, as they all read ``_get_rotting_domain``."""

    _inherit = "crm.lead"

    days_in_stage = fields.Integer(
        string="Days in Stage",
        compute="_compute_days_in_stage",
        help="Whole days since the last stage change (or the creation, if it never "
        "changed stage).",
    )

    @api.depends("create_date", "date_last_stage_update")
    def _compute_days_in_stage(self):
        now = self.env.cr.now()
        for lead in self:
            entered = lead.date_last_stage_update or lead.create_date or now
            lead.days_in_stage = max((now - entered).days, 0)

    def _get_rotting_depends_fields(self):
        return [
            *super()._get_rotting_depends_fields(),
            "activity_ids.active",
            "activity_ids.date_deadline",
        ]

    def _get_rotting_domain(self):
        return (
            super()._get_rotting_domain()
            & Domain("date_last_stage_update", "!=", False)
            & Domain("id", "not in", self._planned_ids_sql())
        )

    def _search_is_rotting(self, operator, value):
        # Odoo's search reads the database after flushing the leads' fields
        # only: the activities that keep them fresh are flushed too
        self.env["mail.activity"].flush_model()
        rotting = Domain(super()._search_is_rotting(operator, value))
        # Odoo's search looks back crm.lead.rot.max.months only; the cards of
        # older opportunities still show the mark, so the filter finds them
        months = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm.lead.rot.max.months", default=12)
        )
        older = self._rotting_now_domain() & Domain(
            "date_last_stage_update",
            "<=",
            self.env.cr.now() - relativedelta(months=months),
        )
        return rotting | older if operator == "in" else rotting & ~older

    @api.model
    @api.readonly
    def read_stale_count_by_stage(self, domain):
        """The pipeline columns' counts of rotting opportunities: [{"stage_id":
        stage id, "count": number}] among those of ``domain`` the user can read,
        for the stages that have any. The column shows them all, not only its
        loaded cards. Read-only: served by a replica when there is one."""
        return [
            {"stage_id": stage.id, "count": count}
            for stage, count in self._read_group(
                Domain(domain) & self._rotting_now_domain(),
                ["stage_id"],
                ["__count"],
            )
        ]

    def _rotting_now_domain(self):
        """The opportunities rotting now, as the cards show them: past their
        stage's days to rot since their last stage change, however long ago. A
        plain domain, so that counting them is one query on the stage change
        date's index."""
        now = self.env.cr.now()
        # the stages' settings, whoever counts: Odoo's search reads them in SQL
        stages = (
            self.env["crm.stage"]
            .sudo()
            .search_fetch(
                [("rotting_threshold_days", ">", 0)], ["rotting_threshold_days"]
            )
        )
        return self._get_rotting_domain() & Domain.OR(
            Domain("stage_id", "=", stage.id)
            & Domain(
                "date_last_stage_update",
                "<",
                now - timedelta(days=stage.rotting_threshold_days),
            )
            for stage in stages
        )

    def _planned_ids_sql(self):
        """The ids of the opportunities with an activity planned today or later,
        as SQL: their activities as they are rather than as the user reads
        them, so that a card's mark and its column's count are the same for
        whoever reads them, even for one who may not read the activity (that
        takes the right to write on the opportunity)."""
        return (
            self.env["mail.activity"]
            ._search(
                Domain("res_model", "=", self._name) & self._planned_activity_domain(),
                bypass_access=True,
            )
            .subselect("res_id")
        )

    def _planned_activity_domain(self):
        """Activities keeping an opportunity fresh: open, due today or later (the
        user's today, as the activity widget shows it)."""
        return Domain("active", "=", True) & Domain(
            "date_deadline", ">=", fields.Date.context_today(self)
        )
