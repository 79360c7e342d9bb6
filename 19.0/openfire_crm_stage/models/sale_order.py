from odoo import fields, models


class SaleOrder(models.Model):
    """The costing type of quotations: an estimate or a quote."""

    _inherit = "sale.order"

    costing_type = fields.Selection(
        [("estimate", "Estimate"), ("quote", "Quote")],
        default="quote",
        tracking=True,
        help="An estimate is a pre-quote given before the technical visit; a quote "
        "is the priced offer. Automation rules move the opportunity accordingly.",
    )
