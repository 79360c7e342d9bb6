from odoo import api, fields, models
from odoo.exceptions import ValidationError

# ten years: far enough for any pipeline, near enough for date arithmetic
MAX_DAYS_TO_ROT = 3650


class CrmStage(models.Model):
    """Odoo's days to rot, bounded; the open opportunities of each stage, with
    their expected and weighted revenue in the current company's currency."""

    _inherit = "crm.stage"

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
    _rotting_threshold_days_range = models.Constraint(
        f"CHECK(rotting_threshold_days >= 0 "
        f"AND rotting_threshold_days <= {MAX_DAYS_TO_ROT})",
        f"The days to rot of a stage must be between 0 and {MAX_DAYS_TO_ROT}.",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_pipeline_totals(self):
        """The open opportunities of each stage the user can see, as in the
        pipeline's columns, summed by Odoo's currency aggregate: each
        opportunity converted at today's rate of the current company."""
        totals = {
            stage: (count, expected, weighted)
            for stage, count, expected, weighted in self.env["crm.lead"]._read_group(
                [("stage_id", "in", self._origin.ids), ("type", "=", "opportunity")],
                ["stage_id"],
                [
                    "__count",
                    "expected_revenue:sum_currency",
                    "prorated_revenue:sum_currency",
                ],
            )
        }
        for stage in self:
            stage.currency_id = self.env.company.currency_id
            (
                stage.opportunity_count,
                stage.expected_revenue_total,
                stage.weighted_revenue_total,
            ) = totals.get(stage._origin, (0, 0.0, 0.0))

    @api.constrains("rotting_threshold_days")
    def _check_rotting_threshold_days(self):
        for stage in self:
            if not 0 <= stage.rotting_threshold_days <= MAX_DAYS_TO_ROT:
                raise ValidationError(
                    self.env._(
                        "The days to rot of the stage %(stage)s must be between 0 "
                        "(never rotting) and %(maximum)s (got %(days)s).",
                        stage=stage.name,
                        maximum=MAX_DAYS_TO_ROT,
                        days=stage.rotting_threshold_days,
                    )
                )
