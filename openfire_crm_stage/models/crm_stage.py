import logging

from odoo import api, fields, models
from odoo.exceptions import RedirectWarning, ValidationError

_logger = logging.getLogger(__name__)


class CrmStage(models.Model):
    _inherit = "crm.stage"

    probability = fields.Float(
        string="Probability (%)",
        default=10.0,
        help="Success probability given to an opportunity when it enters this stage, "
        "if the probability changes automatically.",
    )
    on_change = fields.Boolean(
        string="Change Probability Automatically",
        help="When an opportunity enters this stage, its probability becomes the "
        "stage's. Otherwise Odoo's predictive lead scoring computes it.",
    )

    automation_ids = fields.Many2many(
        "base.automation",
        string="Automation Rules",
        compute="_compute_automation_ids",
        groups="base.group_system",
        help="Automation rules that move opportunities into this stage.",
    )

    # stale opportunities and weighted value
    rotting_threshold_days = fields.Integer(
        string="Days to Stale",
        default=0,
        help="An open opportunity sitting in this stage longer than this, with no "
        "activity planned today or later, is shown as stale in the pipeline. "
        "0: never stale.",
    )
    company_currency_id = fields.Many2one(
        "res.currency", compute="_compute_pipeline_totals"
    )
    opportunity_count = fields.Integer(
        string="Opportunities", compute="_compute_pipeline_totals"
    )
    expected_revenue_total = fields.Monetary(
        string="Expected Revenue",
        currency_field="company_currency_id",
        compute="_compute_pipeline_totals",
    )
    prorated_revenue_total = fields.Monetary(
        string="Weighted Revenue",
        currency_field="company_currency_id",
        compute="_compute_pipeline_totals",
        help="Sum of the expected revenues weighted by their probability.",
    )

    # checked by the database too, so that an import names the refused rows
    _sql_constraints = (
        (
            "probability_range",
            "CHECK(probability >= 0 AND probability <= 100)",
            "The probability of a stage must be between 0% and 100%.",
        ),
    )

    # ------------------------------------------------------------
    # COMPUTE / ONCHANGE / CONSTRAINTS
    # ------------------------------------------------------------

    def _compute_automation_ids(self):
        actions_by_stage = self._get_stage_actions().grouped("crm_stage_id")
        for stage in self:
            stage.automation_ids = actions_by_stage.get(
                stage, self.env["ir.actions.server"]
            ).base_automation_id

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_pipeline_totals(self):
        """The open opportunities of each stage the user can see, as in the
        pipeline's columns: one query for all the stages."""
        groups = self.env["crm.lead"]._read_group(
            [("stage_id", "in", self._origin.ids), ("type", "=", "opportunity")],
            ["stage_id"],
            ["__count", "expected_revenue:sum", "prorated_revenue:sum"],
        )
        totals = {stage: rest for stage, *rest in groups}
        for stage in self:
            stage.company_currency_id = self.env.company.currency_id
            (
                stage.opportunity_count,
                stage.expected_revenue_total,
                stage.prorated_revenue_total,
            ) = totals.get(stage._origin, (0, 0.0, 0.0))

    @api.onchange("is_won")
    def _onchange_is_won(self):
        if self.is_won:
            self.probability = 100.0

    @api.constrains("probability")
    def _check_probability(self):
        for stage in self:
            if not 0 <= stage.probability <= 100:
                raise ValidationError(
                    self.env._(
                        "The probability of the stage %(stage)s must be between "
                        "0%% and 100%% (got %(probability)s%%).",
                        stage=stage.name,
                        probability=stage.probability,
                    )
                )

    @api.constrains("rotting_threshold_days")
    def _check_rotting_threshold_days(self):
        for stage in self:
            if stage.rotting_threshold_days < 0:
                raise ValidationError(
                    self.env._(
                        "The days to stale of the stage %(stage)s cannot be negative.",
                        stage=stage.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if "probability" not in vals:
            return super().write(vals)
        old_probabilities = {stage: stage.probability for stage in self}
        res = super().write(vals)
        for stage, old_probability in old_probabilities.items():
            if stage._sets_probability() and old_probability != stage.probability:
                stage._update_opportunities_probability(old_probability)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_holding_leads(self):
        counts = self._count_active_and_archived_leads()
        if not counts:
            return
        lines = [
            self.env._(
                "%(stage)s: %(active)s active and %(archived)s archived "
                "leads or opportunities",
                stage=stage.name,
                active=counts[stage.id][0],
                archived=counts[stage.id][1],
            )
            for stage in self
            if stage.id in counts
        ]
        refusal = RedirectWarning(
            self.env._(
                "These stages still hold leads or opportunities and cannot be "
                "deleted:\n%(stages)s\n\nMove them to another stage first. Check "
                "the archived (lost) opportunities too: the pipeline hides them.",
                stages="\n".join(lines),
            ),
            self.env.ref("openfire_crm_stage.crm_stage_delete_action").id,
            self.env._("Move Opportunities and Delete"),
            {"default_stage_ids": self.ids},
        )
        # A refusal answers the user; without this Odoo's HTTP layer would log it
        # as a server ERROR with a traceback, like a crash.
        refusal.loglevel = logging.INFO
        raise refusal

    def unlink(self):
        """Once the deletion guard has let the stages go, the automation rules
        moving opportunities into them have nowhere to go: they are switched off,
        and named in the log."""
        rules = self._get_stage_actions().base_automation_id.filtered("active")
        res = super().unlink()
        if rules:
            _logger.warning(
                "Stages deleted: their automation rules %s are deactivated.",
                rules.mapped("name"),
            )
            rules.active = False
        return res

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _sets_probability(self):
        """Whether an opportunity entering this stage takes its probability. A won
        stage always gives 100 %, as in Odoo."""
        return len(self) == 1 and self.on_change and not self.is_won

    def _count_active_and_archived_leads(self):
        """{stage id: (active, archived)} leads of these stages, counting those the
        user cannot see; stages without any are left out."""
        groups = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("stage_id", "in", self.ids)],
                ["stage_id", "active"],
                ["__count"],
            )
        )
        counts = {}
        for stage, active, count in groups:
            active_count, archived_count = counts.get(stage.id, (0, 0))
            if active:
                active_count += count
            else:
                archived_count += count
            counts[stage.id] = (active_count, archived_count)
        return counts

    def _get_stage_actions(self):
        """The *Move Opportunity Forward* actions leading into these stages."""
        return (
            self.env["ir.actions.server"]
            .sudo()
            .search([("state", "=", "crm_stage"), ("crm_stage_id", "in", self.ids)])
        )

    def _update_opportunities_probability(self, old_probability):
        """Give the new stage value to the open leads still carrying the old one,
        those the editor cannot see included; a probability set by hand stays."""
        self.ensure_one()
        leads = (
            self.env["crm.lead"]
            .sudo()
            .search(
                [
                    ("stage_id", "=", self.id),
                    ("probability", "=", old_probability),
                ]
            )
        )
        leads.write({"probability": self.probability})
