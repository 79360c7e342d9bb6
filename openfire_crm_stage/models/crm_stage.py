import logging

from odoo import api, fields, models
from odoo.exceptions import RedirectWarning, ValidationError

# ten years: far enough for any pipeline, near enough for date arithmetic
MAX_DAYS_TO_STALE = 3650


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
    rotting_threshold_days = fields.Integer(
        string="Days to Stale",
        default=0,
        help="An open opportunity sitting in this stage longer than this, with no "
        "activity planned today or later, is shown as stale in the pipeline. "
        "0: never stale.",
    )

    # the open opportunities of each stage, in the current company's currency
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_pipeline_totals",
        help="The current company's currency, in which the totals are shown.",
    )
    opportunity_count = fields.Integer(
        string="Opportunities", compute="_compute_pipeline_totals"
    )
    expected_revenue_total = fields.Monetary(
        string="Expected Revenue", compute="_compute_pipeline_totals"
    )
    weighted_revenue_total = fields.Monetary(
        string="Weighted Revenue",
        compute="_compute_pipeline_totals",
        help="Sum of the expected revenues weighted by their probability.",
    )

    # checked by the database too: an import names the refused row, and no value
    # stored by any means can crash the pages reading it
    _sql_constraints = (
        (
            "probability_range",
            "CHECK(probability >= 0 AND probability <= 100)",
            "The probability of a stage must be between 0% and 100%.",
        ),
        (
            "rotting_threshold_days_range",
            (
                f"CHECK(rotting_threshold_days >= 0 "
                f"AND rotting_threshold_days <= {MAX_DAYS_TO_STALE})"
            ),
            f"The days to stale of a stage must be between 0 and {MAX_DAYS_TO_STALE}.",
        ),
    )

    # ------------------------------------------------------------
    # COMPUTE / ONCHANGE / CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_pipeline_totals(self):
        """The open opportunities of each stage the user can see, as in the
        pipeline's columns."""
        totals = self.env["crm.lead"]._revenue_by_stage(
            [("stage_id", "in", self._origin.ids), ("type", "=", "opportunity")]
        )
        for stage in self:
            stage.currency_id = self.env.company.currency_id
            (
                stage.opportunity_count,
                stage.expected_revenue_total,
                stage.weighted_revenue_total,
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
            if not 0 <= stage.rotting_threshold_days <= MAX_DAYS_TO_STALE:
                raise ValidationError(
                    self.env._(
                        "The days to stale of the stage %(stage)s must be between 0 "
                        "(never stale) and %(maximum)s (got %(days)s).",
                        stage=stage.name,
                        maximum=MAX_DAYS_TO_STALE,
                        days=stage.rotting_threshold_days,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        # the module's own data sets stages up: only an edit moves opportunities
        if "probability" not in vals or self.env.context.get("install_filename"):
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

    def _update_opportunities_probability(self, old_probability):
        """The stage value is the automated probability of its open leads; those
        still carrying the old one take the new one, those the editor cannot see
        included; a probability set by hand stays."""
        self.ensure_one()
        leads = self.env["crm.lead"].sudo().search([("stage_id", "=", self.id)])
        leads.filtered(lambda lead: lead.probability == old_probability).write(
            {"probability": self.probability}
        )
        leads.write({"automated_probability": self.probability})
