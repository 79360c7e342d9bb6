from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    # checked by the database too: an import names the refused row, and no value
    # stored by any means can crash the pages reading it
    _probability_range = models.Constraint(
        "CHECK(probability >= 0 AND probability <= 100)",
        "The probability of a stage must be between 0% and 100%.",
    )

    # ------------------------------------------------------------
    # COMPUTE / ONCHANGE / CONSTRAINTS
    # ------------------------------------------------------------

    @api.onchange("is_won")
    def _onchange_is_won(self):
        res = super()._onchange_is_won()
        if self.is_won:
            self.probability = 100.0
        return res

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

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _sets_probability(self):
        """Whether an opportunity entering this stage takes its probability. A won
        stage always gives 100 %, as in Odoo."""
        return len(self) == 1 and self.on_change and not self.is_won

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
