from odoo import models

# the quotation states that meet each condition on quotes
QUOTE_STATES = {
    "quote_created": ("draft", "sent", "sale"),
    "quote_sent": ("sent", "sale"),
    "quote_confirmed": ("sale",),
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _meeting_condition(self, condition):
        if condition not in QUOTE_STATES:
            return super()._meeting_condition(condition)
        # a colleague's quote counts: the requirement is the opportunity's
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(self._gate_quote_domain(condition), ["opportunity_id"])
        )
        return self.browse(opportunity.id for (opportunity,) in groups)

    def _gate_quote_domain(self, condition):
        """The domain of the quotations of these opportunities meeting
        ``condition`` (``quote_created``, ``quote_sent``, ``quote_confirmed``):
        not cancelled, in the states it asks. Addons narrow it to the
        quotations they count."""
        return [
            ("opportunity_id", "in", self.ids),
            ("state", "in", QUOTE_STATES[condition]),
        ]
