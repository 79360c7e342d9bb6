from odoo import api, fields, models


class CrmStage(models.Model):
    """What OpenFire's stages may require besides crm_stage_gate's: a technical
    visit planned or done, and quotes of costing type Quote."""

    _inherit = "crm.stage"

    gate_quote = fields.Selection(
        help="An opportunity enters this stage only with a quotation of costing type "
        "Quote, not cancelled: created, sent (or confirmed), or confirmed.",
    )
    gate_technical_visit = fields.Boolean(
        string="Technical Visit Planned or Done",
        help="An opportunity enters this stage only with a Technical Visit activity "
        "planned, or done.",
    )

    @api.depends("gate_technical_visit")
    def _compute_is_gated(self):
        return super()._compute_is_gated()

    @api.depends("gate_technical_visit")
    def _compute_gate_summary(self):
        return super()._compute_gate_summary()

    def _gate_conditions(self):
        conditions = super()._gate_conditions()
        if self.gate_technical_visit:
            conditions.append(
                ("technical_visit", self.env._("a technical visit planned or done"))
            )
        return conditions
