from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.sql import create_index


class CrmLead(models.Model):
    """Stale opportunities: open, in their stage longer than its days to stale,
    counted from their last stage change, with no activity planned today or
    later. Without a last stage change date (written empty, or imported without
    it), nobody can tell since when: never stale."""

    _inherit = "crm.lead"

    is_rotting = fields.Boolean(
        string="Stale",
        compute="_compute_days_in_stage",
        search="_search_is_rotting",
        help="Open opportunity sitting in its stage longer than the stage's days to "
        "stale, with no activity planned today or later.",
    )
    days_in_stage = fields.Integer(
        string="Days in Stage",
        compute="_compute_days_in_stage",
        help="Whole days since the last stage change (or the creation, if it never "
        "changed stage).",
    )

    def init(self):
        res = super().init()
        # The pipeline counts the stale opportunities of every column on each
        # load: this index answers the count without reading the table.
        create_index(
            self.env.cr,
            "crm_lead_stale_count_index",
            self._table,
            ["stage_id", "date_last_stage_update", "id"],
            where="active AND type = 'opportunity'",
        )
        return res

    @api.depends(
        "active",
        "type",
        "create_date",
        "date_last_stage_update",
        "stage_id.is_won",
        "stage_id.rotting_threshold_days",
        "activity_ids.date_deadline",
    )
    def _compute_days_in_stage(self):
        now = self.env.cr.now()
        for lead in self:
            entered = lead.date_last_stage_update or lead.create_date or now
            lead.days_in_stage = max((now - entered).days, 0)
        overdue = self.filtered(lambda lead: lead._is_past_stage_threshold(now))
        planned = {
            res_id
            for [res_id] in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", overdue._origin.ids),
                    *self._planned_activity_domain(),
                ],
                ["res_id"],
            )
        }
        for lead in self:
            lead.is_rotting = lead in overdue and lead._origin.id not in planned

    def _search_is_rotting(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Opportunities can only be filtered as stale or not stale.")
            )
        return self._rotting_domain(stale=(operator == "=") == value)

    def _is_past_stage_threshold(self, now):
        """Open, in a stage with days to stale, and there longer than that."""
        self.ensure_one()
        threshold = self.stage_id.rotting_threshold_days
        return bool(
            self.active
            and self.type == "opportunity"
            and threshold
            and not self.stage_id.is_won
            and self.date_last_stage_update
            and self.date_last_stage_update < now - timedelta(days=threshold)
        )

    def _planned_activity_domain(self):
        """Activities keeping an opportunity fresh: due today or later (the user's
        today, as the activity widget shows it)."""
        return [
            ("active", "=", True),
            ("date_deadline", ">=", fields.Date.context_today(self)),
        ]

    @api.model
    def _rotting_domain(self, stale=True):
        """The rule of ``_compute_days_in_stage`` as a domain, for the stale
        opportunities or the others: one condition per distinct threshold, so that
        the database filters the leads. Written out both ways, as Odoo negates
        ``<`` into ``>=``, which an empty date matches neither way."""
        now = self.env.cr.now()
        stages = (
            self.env["crm.stage"]
            .sudo()
            .search_fetch(
                [("rotting_threshold_days", ">", 0), ("is_won", "=", False)],
                ["rotting_threshold_days"],
            )
        )
        limits = [
            (group, now - timedelta(days=days))
            for days, group in stages.grouped("rotting_threshold_days").items()
        ]
        if not limits:
            return expression.FALSE_DOMAIN if stale else expression.TRUE_DOMAIN
        planned = self._planned_activity_domain()
        if stale:
            return expression.AND(
                [
                    [("type", "=", "opportunity"), ("active", "=", True)],
                    expression.OR(
                        [
                            ("stage_id", "in", group.ids),
                            ("date_last_stage_update", "<", limit),
                        ]
                        for group, limit in limits
                    ),
                    [("activity_ids", "not any", planned)],
                ]
            )
        return expression.OR(
            [
                [("type", "!=", "opportunity")],
                [("active", "=", False)],
                expression.AND(
                    [
                        "|",
                        "|",
                        ("stage_id", "not in", group.ids),
                        ("date_last_stage_update", "=", False),
                        ("date_last_stage_update", ">=", limit),
                    ]
                    for group, limit in limits
                ),
                [("activity_ids", "any", planned)],
            ]
        )
