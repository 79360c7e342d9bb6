from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    costing_type = fields.Selection(
        [("estimate", "Estimate"), ("quote", "Quote")],
        default="quote",
        tracking=True,
        help="An estimate is a pre-quote given before the technical visit; a quote "
        "is the priced offer. Automation rules move the opportunity accordingly.",
    )

    def action_confirm(self):
        """A confirmed quote needs no follow-up."""
        res = super().action_confirm()
        # the follow-up is closed even on an opportunity the seller cannot see
        self.opportunity_id.sudo()._close_quote_follow_ups()
        return res
