from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.sql import create_index


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.depends(lambda self: ["stage_id", "team_id"] + self._pls_get_safe_fields())
    def _compute_probabilities(self):
        """Let PLS compute the automated probability everywhere, but never let it
        replace the probability of a lead sitting in a stage that drives it."""
        stage_driven = self.filtered(lambda lead: lead._has_stage_probability())
        kept = {}
        for lead in stage_driven:
            if lead._origin and lead._origin.stage_id == lead.stage_id:
                kept[lead] = lead.probability
            else:
                # form onchange or new record: show the value the stage will give
                kept[lead] = lead.stage_id.probability
        res = super()._compute_probabilities()
        for lead, probability in kept.items():
            lead.probability = probability
        return res

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.browse(
            lead.id
            for lead, vals in zip(leads, vals_list, strict=True)
            if "probability" not in vals
        )._apply_stage_probability()
        return leads

    def write(self, vals):
        if "stage_id" not in vals or "probability" in vals or not vals["stage_id"]:
            return super().write(vals)
        stage = self.env["crm.stage"].browse(vals["stage_id"])
        entering = self.filtered(lambda lead: lead.active and lead.stage_id != stage)
        if not (entering and stage._drives_probability()):
            return super().write(vals)
        others = self - entering
        if others:
            super(CrmLead, others).write(vals)
        return super(CrmLead, entering).write(dict(vals, probability=stage.probability))

    def toggle_active(self):
        res = super().toggle_active()
        self.filtered("active")._apply_stage_probability()
        return res

    def _update_automated_probabilities(self):
        """The PLS cron aligns ``probability`` on the new automated value when both
        were equal: keep the value of leads whose stage drives it."""
        self.flush_model(["probability", "stage_id", "active"])
        self.env.cr.execute(
            """
            SELECT lead.id, lead.probability
              FROM crm_lead lead
              JOIN crm_stage stage ON stage.id = lead.stage_id
             WHERE lead.active
               AND stage.on_change
               AND stage.is_won IS NOT TRUE
               AND lead.probability = lead.automated_probability
            """
        )
        stage_driven = self.env.cr.fetchall()
        res = super()._update_automated_probabilities()
        if stage_driven:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE crm_lead lead
                       SET probability = kept.probability
                      FROM (VALUES %s) AS kept(id, probability)
                     WHERE lead.id = kept.id
                    """,
                    SQL(", ").join(SQL("(%s, %s)", *row) for row in stage_driven),
                )
            )
            self.invalidate_model(["probability"])
        return res

    def _has_stage_probability(self):
        self.ensure_one()
        return (
            self.active and bool(self.stage_id) and self.stage_id._drives_probability()
        )

    def _apply_stage_probability(self):
        """Give each lead the probability of its stage, when the stage drives it."""
        leads_by_stage = self.filtered(
            lambda lead: lead._has_stage_probability()
        ).grouped("stage_id")
        for stage, leads in leads_by_stage.items():
            leads.write({"probability": stage.probability})

    def action_sale_estimate_new(self):
        """New Estimate: a quotation of the estimate costing type."""
        action = self.with_context(
            default_costing_type="estimate"
        ).action_sale_quotations_new()
        if action.get("res_model") == "crm.quotation.partner":
            action["context"] = {"default_costing_type": "estimate"}
        return action

    def _prepare_opportunity_quotation_context(self):
        context = super()._prepare_opportunity_quotation_context()
        context["default_costing_type"] = self.env.context.get(
            "default_costing_type", "quote"
        )
        return context

    def _stage_automation_opportunities(self):
        return [(lead, lead) for lead in self]

    # Stale opportunities

    is_rotting = fields.Boolean(
        string="Stale",
        compute="_compute_rotting",
        search="_search_is_rotting",
        help="Open opportunity sitting in its stage longer than the stage's days to "
        "stale, with no activity planned today or later.",
    )
    rotting_days = fields.Integer(
        string="Days in Stage",
        compute="_compute_rotting",
        help="Whole days since the last stage change of a stale opportunity.",
    )

    def init(self):
        super().init()
        # The pipeline counts the stale opportunities of every column on each
        # load: this index answers the count without reading the table.
        create_index(
            self.env.cr,
            "crm_lead_stale_count_index",
            self._table,
            ["stage_id", "date_last_stage_update", "id"],
            where="active AND type = 'opportunity'",
        )

    @api.depends(
        "active",
        "type",
        "date_last_stage_update",
        "stage_id.is_won",
        "stage_id.rotting_threshold_days",
        "activity_ids.date_deadline",
    )
    def _compute_rotting(self):
        now = self.env.cr.now()
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
            lead.rotting_days = (
                (now - lead.date_last_stage_update).days if lead.is_rotting else 0
            )

    def _search_is_rotting(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Opportunities can only be filtered as stale or not stale.")
            )
        stale = self._rotting_domain()
        return stale if (operator == "=") == value else ["!", *stale]

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
    def _rotting_domain(self):
        """The rule of ``_compute_rotting`` as a domain: one condition per distinct
        threshold, so the database filters the leads."""
        now = self.env.cr.now()
        stages = (
            self.env["crm.stage"]
            .sudo()
            .search_fetch(
                [("rotting_threshold_days", ">", 0), ("is_won", "=", False)],
                ["rotting_threshold_days"],
            )
        )
        if not stages:
            return expression.FALSE_DOMAIN
        in_stage_too_long = expression.OR(
            [
                ("stage_id", "in", group.ids),
                ("date_last_stage_update", "<", now - timedelta(days=days)),
            ]
            for days, group in stages.grouped("rotting_threshold_days").items()
        )
        return expression.AND(
            [
                [("type", "=", "opportunity"), ("active", "=", True)],
                in_stage_too_long,
                [("activity_ids", "not any", self._planned_activity_domain())],
            ]
        )
