from odoo import api, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.crm_stage_automation.models.crm_stage_automation_rule import Event

_lt = LazyTranslate(__name__)

QUOTATION = [("opportunity_id", "!=", False)]
CONFIRMED_QUOTATION = [("state", "=", "sale"), *QUOTATION]


class CrmStageAutomation(models.Model):
    """The quotations of an opportunity as business events of its stages."""

    _inherit = "crm.stage.automation"

    @api.model
    def _event_catalogue(self):
        return {
            "quote_created": Event(
                _lt("A quote is created"), "sale.order", "on_create", QUOTATION
            ),
            "quote_sent": Event(
                _lt("A quote is sent by email"),
                "sale.order",
                "on_message_sent",
                QUOTATION,
                pre_domain=True,
            ),
            "quote_confirmed": Event(
                _lt("A quote is confirmed"),
                "sale.order",
                "on_state_set",
                CONFIRMED_QUOTATION,
                state="sale",
            ),
            **super()._event_catalogue(),
        }
