from odoo import models


class CrmLead(models.Model):
    """The opportunity's *New Estimate* button: a quotation of the estimate
    costing type, next to Odoo's *New Quotation*."""

    _inherit = "crm.lead"

    def action_sale_estimate_new(self):
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
