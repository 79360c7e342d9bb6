from odoo import api, fields, models
from odoo.exceptions import ValidationError

# ten years: far enough for any pipeline, near enough for date arithmetic
MAX_DAYS_TO_STALE = 3650


class CrmStage(models.Model):
    _inherit = "crm.stage"

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
            "rotting_threshold_days_range",
            (
                f"CHECK(rotting_threshold_days >= 0 "
                f"AND rotting_threshold_days <= {MAX_DAYS_TO_STALE})"
            ),
            f"The days to stale of a stage must be between 0 and {MAX_DAYS_TO_STALE}.",
        ),
    )

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
