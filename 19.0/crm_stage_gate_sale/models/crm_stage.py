from odoo import api, fields, models


class CrmStage(models.Model):
    """A stage may require a quotation of the opportunity."""

    _inherit = "crm.stage"

    gate_quote = fields.Selection(
        [("created", "Created"), ("sent", "Sent"), ("confirmed", "Confirmed")],
        string="Quote",
        help="An opportunity enters this stage only with a quotation, not "
        "cancelled: created, sent (or confirmed), or confirmed.",
    )

    @api.depends("gate_quote")
    def _compute_is_gated(self):
        return super()._compute_is_gated()

    @api.depends("gate_quote")
    def _compute_gate_summary(self):
        return super()._compute_gate_summary()

    def _gate_conditions(self):
        conditions = super()._gate_conditions()
        if self.gate_quote:
            labels = {
                "created": self.env._("a quote"),
                "sent": self.env._("a quote sent"),
                "confirmed": self.env._("a confirmed quote"),
            }
            conditions.append((f"quote_{self.gate_quote}", labels[self.gate_quote]))
        return conditions
