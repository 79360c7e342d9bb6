from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

# read by the pipeline's stale counts, dropped at uninstallation (hooks.py)
STALE_INDEX = "crm_lead_stale_count_index"


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
            STALE_INDEX,
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
        # not in: a lead, a closed opportunity, an empty date are "not stale"
        stale = (operator == "=") == value
        return [("id", "in" if stale else "not in", self._stale_query())]

    @api.model
    @api.readonly
    def read_stale_count_by_stage(self, domain):
        """The pipeline columns' stale counts: [{"stage_id": stage id, "count":
        number of stale opportunities}] among those of ``domain`` the user can
        read, for the stages that have any. Read-only: served by a replica when
        there is one."""
        query = self._stale_query(domain)
        if query.is_empty():
            return []
        query.groupby = self._field_to_sql(self._table, "stage_id", query)
        return [
            {"stage_id": stage_id, "count": count}
            for stage_id, count in self.env.execute_query(
                query.select(query.groupby, "COUNT(*)")
            )
        ]

    def _is_past_stage_threshold(self, now):
        """Open, in a stage with days to stale, and there longer than that (for
        one opportunity; ``_stale_query`` says the same in SQL)."""
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
    def _stale_query(self, domain=()):
        """The rule of ``_compute_days_in_stage`` as a query on the leads of
        ``domain``: the stage is joined on its own days to stale, so that the
        database reads only each stage's overdue part of the stale index."""
        planned = self._planned_activity_domain()
        query = self._search(
            [
                *domain,
                ("type", "=", "opportunity"),
                ("active", "=", True),
                ("activity_ids", "not any", planned),
            ]
        )
        if query.is_empty():
            return query
        alias = query.make_alias(self._table, "stale_stage")
        Stage = self.env["crm.stage"]
        days = Stage._field_to_sql(alias, "rotting_threshold_days", query)
        query.add_join(
            "JOIN",
            alias,
            Stage._table,
            SQL(
                "%s = %s AND %s > 0 AND %s IS NOT TRUE"
                " AND %s < %s - %s * INTERVAL '1 day'",
                SQL.identifier(alias, "id"),
                self._field_to_sql(self._table, "stage_id", query),
                days,
                Stage._field_to_sql(alias, "is_won", query),
                self._field_to_sql(self._table, "date_last_stage_update", query),
                self.env.cr.now(),
                days,
            ),
        )
        return query
